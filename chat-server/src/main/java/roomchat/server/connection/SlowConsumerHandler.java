package roomchat.server.connection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Watches a connection whose output is backing up. While its pending output is over the channel's
 * high water mark (the dispatcher then drops room lines for it) this stops reading its input, since
 * anything it asks for would only add to the pile; if it stays over for {@code timeout}, it is
 * disconnected. Runs on the connection's event loop.
 */
public final class SlowConsumerHandler extends ChannelInboundHandlerAdapter {

    private final Duration timeout;
    private ScheduledFuture<?> disconnect;

    public SlowConsumerHandler(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(writable);
        if (!writable && disconnect == null) {
            disconnect = ctx.executor().schedule(() -> Connections.close(ctx, CloseReason.SLOW_CONSUMER),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
        } else if (writable && disconnect != null) {
            disconnect.cancel(false);
            disconnect = null;
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (disconnect != null) {
            disconnect.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
