package roomchat.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.event.Notice;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;
import roomchat.server.connection.LimitNotices;

/**
 * What a failure that reaches the top of a chat pipeline comes to: one error line for the user whose
 * input it was handling, logged once with who it was, and the connection kept open. A failed
 * allocation closes the connection it happened for (answering would need memory too). A broken
 * socket is closed instead. (A WebSocket that broke its protocol was closed below, by the HTTP
 * port's handlers.) Nothing here touches another connection.
 *
 * <p>The session's states call it ({@link SessionState}): as the last handler of the pipeline they
 * see every failure, so it needs no handler (and no pipeline context) of its own. One per server;
 * each call on the failing connection's event loop.
 */
final class ErrorLines {

    private static final Logger log = LoggerFactory.getLogger(ErrorLines.class);
    private static final Notice INTERNAL_ERROR = new Notice.Error("internal error; your line was dropped");

    private final Notice lineTooLong;

    ErrorLines(int maxLineBytes) {
        this.lineTooLong = LimitNotices.tooLong(maxLineBytes);
    }

    /** Answers {@code cause}, a failure on the connection of {@code ctx}: call on its event loop. */
    void caught(ChannelHandlerContext ctx, Throwable cause) {
        if (OutOfMemory.caused(cause)) {
            // Answering would need memory too: this connection goes, and with it what it held.
            log.warn("{}: out of memory while handling it; closing", Connections.describe(ctx.channel()));
            Connections.close(ctx, CloseReason.OUT_OF_MEMORY);
        } else if (cause instanceof TooLongFrameException) {
            ctx.writeAndFlush(lineTooLong);
        } else if (cause instanceof IOException || cause.getCause() instanceof IOException) {
            log.debug("{} connection failed: {}", Connections.describe(ctx.channel()), cause.toString());
            Connections.close(ctx, CloseReason.CONNECTION_ERROR);
        } else {
            log.warn("{}: input failed", Connections.describe(ctx.channel()), cause);
            ctx.writeAndFlush(INTERNAL_ERROR);
        }
    }
}
