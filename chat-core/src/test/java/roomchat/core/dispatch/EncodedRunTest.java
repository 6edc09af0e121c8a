package roomchat.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.CharsetUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.room.RoomMessage;

class EncodedRunTest {

    private final EmbeddedChannel alice = new EmbeddedChannel();
    private final EmbeddedChannel bob = new EmbeddedChannel();
    private final EmbeddedChannel carol = new EmbeddedChannel();

    @AfterEach
    void close() {
        alice.finishAndReleaseAll();
        bob.finishAndReleaseAll();
        carol.finishAndReleaseAll();
    }

    @Test
    void aRecipientOfEveryLineGetsTheWholeRunAsOneWrite() {
        EncodedRun run = EncodedRun.encode(List.of(
                RoomMessage.toAll("* one"), new RoomMessage("[r] alice: två", alice, true), RoomMessage.toAll("* three")),
                ByteBufAllocator.DEFAULT, 0);

        assertThat(run.linesFor(bob)).isEqualTo(3);
        run.writeTo(bob);
        run.release();

        assertThat(writes(bob)).containsExactly("* one\n[r] alice: två\n* three\n");
    }

    @Test
    void aRecipientExcludedFromSomeLinesGetsTheStretchesAroundThem() {
        EncodedRun run = EncodedRun.encode(List.of(
                new RoomMessage("[r] alice: a", alice, true), RoomMessage.toAll("* b"),
                new RoomMessage("[r] alice: c", alice, true), RoomMessage.toAll("* d"), RoomMessage.toAll("* e"),
                new RoomMessage("[r] alice: f", alice, true)),
                ByteBufAllocator.DEFAULT, 0);

        assertThat(run.linesFor(alice)).isEqualTo(3);
        run.writeTo(alice);
        run.release();

        assertThat(writes(alice)).containsExactly("* b\n", "* d\n* e\n");
    }

    @Test
    void aRecipientExcludedFromEveryLineGetsNothing() {
        EncodedRun run = EncodedRun.encode(List.of(new RoomMessage("[r] alice: a", alice, true)), ByteBufAllocator.DEFAULT, 0);

        assertThat(run.linesFor(alice)).isZero();
        run.writeTo(alice);
        run.release();

        assertThat(writes(alice)).isEmpty();
    }

    @Test
    void aTerminalGetsLinesWiderThanTheWrapWidthWrappedAndAPageGetsThemWhole() {
        Terminals.mark(bob);
        String wide = "[r] alice: " + "x".repeat(30) + " " + "y".repeat(30);
        EncodedRun run = EncodedRun.encode(List.of(RoomMessage.toAll("* short"), new RoomMessage(wide, alice, true)),
                ByteBufAllocator.DEFAULT, 50);

        run.writeTo(bob);
        run.writeTo(carol);
        run.release();

        assertThat(writes(bob)).containsExactly("* short\n[r] alice: " + "x".repeat(30) + " \n    " + "y".repeat(30) + "\n");
        assertThat(writes(carol)).containsExactly("* short\n" + wide + "\n");
    }

    /** What was written to {@code channel}, one string per write, each buffer released. */
    private static List<String> writes(EmbeddedChannel channel) {
        channel.flush();
        List<String> writes = new ArrayList<>();
        for (ByteBuf written; (written = channel.readOutbound()) != null; ) {
            writes.add(written.toString(CharsetUtil.UTF_8));
            written.release();
        }
        return writes;
    }
}
