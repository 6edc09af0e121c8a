package roomchat.server.session;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.event.Notice;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/**
 * The end of the pipeline: turns a failure while handling one user's input into one error line for
 * that user, logged once with who it was, and keeps the connection open. A failed allocation closes
 * the connection it happened for (answering would need memory too). A broken socket is closed
 * instead. (A WebSocket that broke its protocol was closed below, by the HTTP port's handlers.) Nothing here
 * touches another connection.
 */
@ChannelHandler.Sharable
public final class ErrorLineHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ErrorLineHandler.class);
    private static final Notice INTERNAL_ERROR = new Notice.Error("internal error; your line was dropped");

    private final Notice lineTooLong;

    public ErrorLineHandler(int maxLineBytes) {
        this.lineTooLong = new Notice.Error("line too long (max " + maxLineBytes + " bytes)");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
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
