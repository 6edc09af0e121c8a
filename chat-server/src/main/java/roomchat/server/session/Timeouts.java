package roomchat.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import roomchat.core.event.Notice;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/**
 * How long a connection may go on: {@code name} to choose a screen name, counted from the start of
 * its session whatever it sends; {@code idle} without input once it chats. Zero means no limit.
 * Neither is a handler of its own: {@link NameChoiceHandler} schedules the name deadline, and
 * chatting sessions are watched for idleness by one {@link IdleWatch} per event loop. One instance
 * per server; any thread.
 */
final class Timeouts {

    private final Duration name;
    private final Duration idle;
    /** The idle watch of each event loop that has had a chatting session. */
    private final Map<EventExecutor, IdleWatch> idleWatches = new ConcurrentHashMap<>();

    Timeouts(Duration name, Duration idle) {
        this.name = name;
        this.idle = idle;
    }

    Duration name() {
        return name;
    }

    /** The idle watch of the sessions on {@code loop}; null if there is no idle limit. */
    IdleWatch idleWatch(EventExecutor loop) {
        return idle.isZero() ? null : idleWatches.computeIfAbsent(loop, l -> new IdleWatch(l, idle.toNanos()));
    }

    Duration idle() {
        return idle;
    }

    /** Closes the connection after {@code goodbye} ({@link TimeoutNotices}): its time ran out. */
    static void closeTimedOut(ChannelHandlerContext ctx, Notice goodbye, CloseReason reason) {
        Connections.closeAfter(ctx, goodbye, reason);
    }
}
