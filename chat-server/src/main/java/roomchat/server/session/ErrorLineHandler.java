package roomchat.server.session;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.chat.Lines;

/**
 * The end of the pipeline: turns a failure while handling one user's input into one error line for
 * that user, and keeps the connection open. A broken socket is closed instead.
 */
@ChannelHandler.Sharable
public final class ErrorLineHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ErrorLineHandler.class);

    private final String lineTooLong;

    public ErrorLineHandler(int maxLineBytes) {
        this.lineTooLong = Lines.error("line too long (max " + maxLineBytes + " bytes)");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            ctx.writeAndFlush(lineTooLong);
        } else if (cause instanceof IOException) {
            log.debug("{} connection failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else {
            log.warn("{} input failed", ctx.channel().remoteAddress(), cause);
            ctx.writeAndFlush(Lines.error("internal error; your line was dropped"));
        }
    }
}
