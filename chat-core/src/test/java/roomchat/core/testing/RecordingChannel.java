package roomchat.core.testing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.CharsetUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A channel that records every line written to it, from whichever thread writes, and releases
 * the buffers it receives.
 */
public final class RecordingChannel {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(DefaultChannelId.newInstance(), new ChannelOutboundHandlerAdapter() {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                String text = buf.toString(CharsetUtil.UTF_8);
                for (String line : text.split("\n")) {
                    lines.add(line);
                }
            } finally {
                buf.release();
            }
            promise.setSuccess();
        }
    });

    public EmbeddedChannel channel() {
        return channel;
    }

    /** The next {@code count} lines, waiting up to ten seconds for them all. */
    public List<String> take(int count) throws InterruptedException {
        List<String> taken = new ArrayList<>(count);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (taken.size() < count) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("got " + taken.size() + " of " + count + " lines: " + taken);
            }
            taken.add(line);
        }
        return taken;
    }

    /** The lines received so far that nobody took. */
    public List<String> rest() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }
}
