package roomchat.server.session;

import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import roomchat.core.event.Notice;
import roomchat.server.DurationConverter;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/**
 * How long a connection may go on: {@code name} to choose a screen name, counted from the start of
 * its session whatever it sends; {@code idle} without input once it chats. Zero means no limit.
 * Each session state keeps its own timer, a task on the connection's event loop, rather than a
 * handler of its own: {@link NameChoiceHandler} the name deadline, {@link ChatSessionHandler} the
 * idle clock.
 */
public record Timeouts(Duration name, Duration idle) {

    /** Closes the connection with a last line: its time ran out. */
    static void closeTimedOut(ChannelHandlerContext ctx, String lastLine, CloseReason reason) {
        Connections.closeAfter(ctx, new Notice.Goodbye(lastLine), reason);
    }

    String nameLimit() {
        return DurationConverter.format(name);
    }

    String idleLimit() {
        return DurationConverter.format(idle);
    }
}
