package roomchat.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadline for choosing a name: fires {@link #PASSED} as a user event a fixed time after the
 * session starts (when the chat handlers see the connection become active), whatever arrives in
 * the meantime, so that no stream of bad names can hold a nameless connection. It is cancelled when
 * it leaves the pipeline (a name was claimed and the idle timer took its place) or the connection
 * closes. Zero means never. One per connection, on its event loop.
 */
final class NameDeadline extends ChannelInboundHandlerAdapter {

    /** The user event fired when the deadline passes. */
    static final Object PASSED = new Object() {
        @Override
        public String toString() {
            return "name deadline passed";
        }
    };

    private final long limitMillis;
    private ScheduledFuture<?> task;

    NameDeadline(Duration limit) {
        this.limitMillis = limit.toMillis();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (limitMillis > 0 && task == null) {
            task = ctx.executor().schedule(() -> ctx.fireUserEventTriggered(PASSED), limitMillis, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void cancel() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
