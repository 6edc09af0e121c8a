package roomchat.server.connection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import roomchat.core.event.Notice;
import roomchat.core.limit.LineRateLimit;

/**
 * Applies the flood rule ({@link LineRateLimit}) to every input of one connection, commands
 * included: excess lines go no further, the sender is told to slow down at most once a second,
 * and a sustained flood is disconnected. Runs on the connection's event loop.
 */
public final class RateLimitHandler extends ChannelInboundHandlerAdapter {

    private static final Notice FLOODING = new Notice.Error(LimitNotices.FLOODING);

    private final LineRateLimit limit;
    /** Set once the connection is being closed for flooding: whatever still comes is dropped. */
    private boolean disconnecting;

    public RateLimitHandler(int ratePerSecond, int burst, Duration floodTimeout) {
        this.limit = new LineRateLimit(ratePerSecond, burst, floodTimeout.toNanos(), System.nanoTime());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object input) {
        if (disconnecting) {
            ReferenceCountUtil.release(input);
            return;
        }
        switch (limit.onLine(System.nanoTime())) {
            case ACCEPT:
                ctx.fireChannelRead(input);
                return;
            case DROP_AND_WARN:
                ctx.writeAndFlush(LimitNotices.SLOW_DOWN);
                break;
            case DISCONNECT:
                disconnecting = true;
                ctx.channel().config().setAutoRead(false);
                Connections.closeAfter(ctx, FLOODING, CloseReason.FLOODING);
                break;
            default:
                break;
        }
        ReferenceCountUtil.release(input);
    }
}
