package roomchat.server.session;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import roomchat.core.event.Notice;
import roomchat.server.DurationConverter;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/**
 * How long a connection may go on: {@code name} to choose a screen name, counted from the start of
 * its session whatever it sends; {@code idle} without input once it chats. Zero means no limit.
 * The timer (a {@link NameDeadline}, then an {@link IdleStateHandler} that counts input lines) sits
 * under {@code idleTimer}; the session state in charge when it fires closes the connection.
 */
public record Timeouts(Duration name, Duration idle) {

    /** The timer for the name-choosing state: a deadline that input does not put off. */
    public ChannelHandler nameTimer() {
        return new NameDeadline(name);
    }

    /** The timer for the chatting state. */
    public IdleStateHandler idleTimer() {
        return timer(idle);
    }

    /**
     * Closes the connection with a last line if {@code event} is its timer firing; otherwise passes
     * the event on. Both session states answer the timer this way, each with its own words.
     */
    static void closeIfTimedOut(ChannelHandlerContext ctx, Object event, String lastLine, CloseReason reason) {
        if (event instanceof IdleStateEvent || event == NameDeadline.PASSED) {
            Connections.closeAfter(ctx, new Notice.Goodbye(lastLine), reason);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    String nameLimit() {
        return DurationConverter.format(name);
    }

    String idleLimit() {
        return DurationConverter.format(idle);
    }

    private static IdleStateHandler timer(Duration limit) {
        return new IdleStateHandler(limit.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
    }
}
