package roomchat.core.dispatch;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import roomchat.core.event.Happening;
import roomchat.core.event.RoomEvent;

/**
 * One event loop's share of a room fan-out: a run of chat events encoded into one buffer (all
 * recipients speak plain lines) and written to each of its channels (here EmbeddedChannels whose socket end just releases what it gets), flushed
 * once per channel. Per operation: encoding the run, and every line to every recipient.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoopBatchBenchmark {

    @Param({"50"})
    int recipients;

    @Param({"1", "16"})
    int lines;

    private final List<Channel> channels = new ArrayList<>();
    private static final Set<Format> PLAIN_LINES = EnumSet.of(Format.LINES);

    private List<RoomEvent> run;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < recipients; i++) {
            channels.add(new EmbeddedChannel(DefaultChannelId.newInstance(), new ChannelOutboundHandlerAdapter() {
                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                    ReferenceCountUtil.release(msg);
                }
            }));
        }
        run = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < lines; i++) {
            // No origin: alice is on another server, so no recipient here is spared the line.
            run.add(new RoomEvent("games", i + 1, now, "alice", null, new Happening.Said("a line of about fifty bytes of chat")));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channels.forEach(Channel::close);
    }

    @Benchmark
    public void writeRunToRecipients() {
        LoopBatch batch = new LoopBatch(channels, EncodedRun.encode(run, PLAIN_LINES, ByteBufAllocator.DEFAULT, 80),
                (channel, count) -> true);
        batch.write();
        channels.forEach(Channel::flush);
        batch.release();
    }
}
