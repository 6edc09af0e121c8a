package roomchat.server.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Watches connections whose output is backing up. While a connection's pending output is over the
 * channel's high water mark (the dispatcher then drops room lines for it) this stops reading its
 * input, since anything it asks for would only add to the pile; if it stays over for
 * {@code timeout}, it is disconnected. The {@link ConnectionTracker} calls it with the writability
 * events of every connection: not a handler of its own, so that it costs a connection nothing
 * until its output backs up (then one scheduled task, kept in its {@link ConnectionState}).
 *
 * <p><b>Thread:</b> each call on the connection's event loop.
 */
final class SlowConsumerWatch {

    private final long timeoutNanos;

    SlowConsumerWatch(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** The connection behind {@code ctx} became writable or stopped being so. */
    void writabilityChanged(ChannelHandlerContext ctx, ConnectionState state) {
        Channel channel = ctx.channel();
        boolean writable = channel.isWritable();
        channel.config().setAutoRead(writable);
        if (!writable && state.slowConsumerDisconnect == null) {
            state.slowConsumerDisconnect = ctx.executor().schedule(
                    () -> Connections.close(ctx, CloseReason.SLOW_CONSUMER), timeoutNanos, TimeUnit.NANOSECONDS);
        } else if (writable && state.slowConsumerDisconnect != null) {
            state.slowConsumerDisconnect.cancel(false);
            state.slowConsumerDisconnect = null;
        }
    }

    /** The connection closed: a pending disconnect has nothing left to do. */
    void closed(ConnectionState state) {
        if (state.slowConsumerDisconnect != null) {
            state.slowConsumerDisconnect.cancel(false);
            state.slowConsumerDisconnect = null;
        }
    }
}
