package roomchat.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.CharsetUtil;
import io.netty.util.IllegalReferenceCountException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;

class LoopOutboxTest {

    /** Counts the flushes that reach the bottom of the pipeline. */
    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        int flushes;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }

    private final FlushCounter flushes = new FlushCounter();
    private final EmbeddedChannel bob = new EmbeddedChannel(DefaultChannelId.newInstance(), flushes);
    private final LoopOutbox outbox = new LoopOutbox(bob.eventLoop());

    @AfterEach
    void close() {
        bob.finishAndReleaseAll();
    }

    private LoopBatch run(String... hosts) {
        List<RoomEvent> events = new ArrayList<>();
        for (String host : hosts) {
            events.add(RoomEvent.byServer("r", new Happening.HostGranted(host)));
        }
        EncodedRun run = EncodedRun.encode(events, EnumSet.of(Format.LINES), ByteBufAllocator.DEFAULT, 0);
        return new LoopBatch(List.of(bob), run, (channel, lines) -> true);
    }

    private List<String> written() {
        List<String> lines = new ArrayList<>();
        for (Object message; (message = bob.readOutbound()) != null; ) {
            if (message instanceof ByteBuf bytes) {
                lines.add(bytes.toString(CharsetUtil.UTF_8));
                bytes.release();
            } else {
                lines.add(message.toString());
            }
        }
        return lines;
    }

    @Test
    void runsHandedOverBeforeTheLoopGetsToThemGoOutInOrderWithOneFlush() {
        outbox.offer(run("one", "two"));
        outbox.offer(run("three"));
        outbox.offer(new Admission(bob, List.<Object>of(new Notice.Info("welcome"))));
        outbox.offer(run("four"));

        bob.runPendingTasks();

        assertThat(written()).containsExactly("[r] -- one is now a host\n[r] -- two is now a host\n",
                "[r] -- three is now a host\n", new Notice.Info("welcome").toString(), "[r] -- four is now a host\n");
        assertThat(flushes.flushes).isEqualTo(1);
    }

    @Test
    void aRunHandedOverAfterATurnGetsATurnOfItsOwn() {
        outbox.offer(run("one"));
        bob.runPendingTasks();
        outbox.offer(run("two"));
        bob.runPendingTasks();

        assertThat(written()).containsExactly("[r] -- one is now a host\n", "[r] -- two is now a host\n");
        assertThat(flushes.flushes).isEqualTo(2);
    }

    @Test
    void aTurnWritesAtMostItsShareAndLeavesTheRestToTheNextTurn() {
        for (int i = 0; i < LoopOutbox.MAX_RUNS_PER_TURN + 1; i++) {
            outbox.offer(run("h" + i));
        }

        bob.runPendingTasks();

        assertThat(written()).hasSize(LoopOutbox.MAX_RUNS_PER_TURN + 1).last().isEqualTo("[r] -- h256 is now a host\n");
        assertThat(flushes.flushes).isEqualTo(2);
    }

    @Test
    void aChannelThatClosedGetsNothingAndEveryRunIsGivenBack() {
        Channel gone = new EmbeddedChannel();
        gone.close();
        EncodedRun encoded = EncodedRun.encode(List.of(RoomEvent.byServer("r", new Happening.HostGranted("x"))),
                EnumSet.of(Format.LINES), ByteBufAllocator.DEFAULT, 0);
        outbox.offer(new LoopBatch(List.of(gone), encoded, (channel, lines) -> true));

        bob.runPendingTasks();

        // Given back exactly once: nothing is left to take a reference to.
        assertThatThrownBy(encoded::retain).isInstanceOf(IllegalReferenceCountException.class);
        assertThat(written()).isEmpty();
    }
}
