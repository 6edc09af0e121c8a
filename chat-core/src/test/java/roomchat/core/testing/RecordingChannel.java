package roomchat.core.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.util.CharsetUtil;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import roomchat.core.event.Notice;
import roomchat.core.render.LineRenderer;

/**
 * A member's channel for tests of delivery: a real channel on a real event loop (Netty's in-process
 * transport), whose peer records every line written to it and releases the buffers. Notices are
 * written to a member's channel as objects; its pipeline renders them as lines, with history times
 * in UTC (the zone of the tests' clocks), as the server's does.
 */
public final class RecordingChannel {

    /** I/O loops, as a server's connections have (they run tail tasks, which a {@code DefaultEventLoop} does not). */
    public static final MultiThreadIoEventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    private static final LocalAddress SERVER = new LocalAddress("recording-channels");
    private static final BlockingQueue<Channel> ACCEPTED = new SynchronousQueue<>();
    private static final ChannelHandler NOTICE_LINES = new NoticeLines(new LineRenderer(ZoneId.of("UTC")));

    static {
        new ServerBootstrap().group(LOOPS).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) throws InterruptedException {
                        channel.pipeline().addLast(NOTICE_LINES);
                        ACCEPTED.put(channel);
                    }
                })
                .bind(SERVER).syncUninterruptibly();
    }

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** Writes received (each one buffer, however many lines it held), for tests of batching. */
    private final AtomicInteger writes = new AtomicInteger();
    private final Channel channel;

    public RecordingChannel() {
        new Bootstrap().group(LOOPS).channel(LocalChannel.class)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf buf = (ByteBuf) msg;
                        writes.incrementAndGet();
                        try {
                            for (String line : buf.toString(CharsetUtil.UTF_8).split("\n")) {
                                lines.add(line);
                            }
                        } finally {
                            buf.release();
                        }
                    }
                })
                .connect(SERVER).syncUninterruptibly();
        try {
            channel = ACCEPTED.poll(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The channel a member speaks through: what is written to it is recorded. */
    public Channel channel() {
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

    /** How many buffers the channel was written so far (a run of lines for it is one). */
    public int writes() {
        return writes.get();
    }

    /** The lines received so far that nobody took. */
    public List<String> rest() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }

    /** Renders each notice written to a member's channel as its lines, each with its line end. */
    @ChannelHandler.Sharable
    private static final class NoticeLines extends MessageToMessageEncoder<Notice> {
        private final LineRenderer renderer;

        NoticeLines(LineRenderer renderer) {
            super(Notice.class);
            this.renderer = renderer;
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, Notice notice, List<Object> out) {
            StringBuilder text = new StringBuilder();
            renderer.lines(notice).forEach(line -> text.append(line).append('\n'));
            out.add(ByteBufUtil.writeUtf8(ctx.alloc(), text));
        }
    }
}
