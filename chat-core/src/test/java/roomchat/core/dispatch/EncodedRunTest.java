package roomchat.core.dispatch;

import static roomchat.testing.Stages.done;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.CharsetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.event.Happening;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Member;
import roomchat.core.room.NameChange;

class EncodedRunTest {

    private static final Set<Format> LINES = EnumSet.of(Format.LINES);

    private final EmbeddedChannel alice = new EmbeddedChannel(DefaultChannelId.newInstance());
    private final EmbeddedChannel bob = new EmbeddedChannel(DefaultChannelId.newInstance());
    private final EmbeddedChannel carol = new EmbeddedChannel(DefaultChannelId.newInstance());
    private final Member sender = member("alice", alice);

    @AfterEach
    void close() {
        alice.finishAndReleaseAll();
        bob.finishAndReleaseAll();
        carol.finishAndReleaseAll();
    }

    private static Member member(String name, EmbeddedChannel channel) {
        ChannelPort port = new ChannelPort(channel, (to, lines) -> true);
        NameChange claim = done(new LocalRoomRegistry("r").claim(name, port, InetAddress.getLoopbackAddress()));
        return ((NameChange.Claimed) claim).moved().member();
    }

    /** Alice's line: every member but her gets it. */
    private RoomEvent said(String text) {
        return RoomEvent.draft("r", sender, new Happening.Said(text));
    }

    /** {@code [r] -- name is now a host}: every member gets it. */
    private static RoomEvent toAll(String name) {
        return RoomEvent.byServer("r", new Happening.HostGranted(name));
    }

    @Test
    void aRecipientOfEveryLineGetsTheWholeRunAsOneWrite() {
        EncodedRun run = EncodedRun.encode(List.of(toAll("one"), said("två"), toAll("three")),
                LINES, ByteBufAllocator.DEFAULT, 0);

        assertThat(run.linesFor(bob, Format.of(bob))).isEqualTo(3);
        run.writeTo(bob, Format.of(bob));
        run.release();

        assertThat(writes(bob)).containsExactly("[r] -- one is now a host\n[r] alice: två\n[r] -- three is now a host\n");
    }

    @Test
    void aRecipientExcludedFromSomeLinesGetsTheStretchesAroundThem() {
        EncodedRun run = EncodedRun.encode(List.of(said("a"), toAll("b"), said("c"), toAll("d"), toAll("e"), said("f")),
                LINES, ByteBufAllocator.DEFAULT, 0);

        assertThat(run.linesFor(alice, Format.of(alice))).isEqualTo(3);
        run.writeTo(alice, Format.of(alice));
        run.release();

        assertThat(writes(alice)).containsExactly("[r] -- b is now a host\n", "[r] -- d is now a host\n[r] -- e is now a host\n");
    }

    @Test
    void aRecipientExcludedFromEveryLineGetsNothing() {
        EncodedRun run = EncodedRun.encode(List.of(said("a")), LINES, ByteBufAllocator.DEFAULT, 0);

        assertThat(run.linesFor(alice, Format.of(alice))).isZero();
        run.writeTo(alice, Format.of(alice));
        run.release();

        assertThat(writes(alice)).isEmpty();
    }

    @Test
    void anEventTheLineProtocolDoesNotShowTakesNoLine() {
        RoomEvent created = RoomEvent.byServer("r", new Happening.Created());
        EncodedRun run = EncodedRun.encode(List.of(created, toAll("one"), created), LINES, ByteBufAllocator.DEFAULT, 0);

        assertThat(run.linesFor(bob, Format.of(bob))).isEqualTo(1);
        run.writeTo(bob, Format.of(bob));
        run.release();

        assertThat(writes(bob)).containsExactly("[r] -- one is now a host\n");
    }

    @Test
    void aTerminalGetsLinesWiderThanTheWrapWidthWrappedAndAPageGetsThemWhole() {
        Format.TERMINAL.markOn(bob);
        String wide = "x".repeat(30) + " " + "y".repeat(30);
        EncodedRun run = EncodedRun.encode(List.of(toAll("short"), said(wide)),
                EnumSet.of(Format.LINES, Format.TERMINAL), ByteBufAllocator.DEFAULT, 50);

        run.writeTo(bob, Format.of(bob));
        run.writeTo(carol, Format.of(carol));
        run.release();

        assertThat(writes(bob)).containsExactly(
                "[r] -- short is now a host\n[r] alice: " + "x".repeat(30) + " \n    " + "y".repeat(30) + "\n");
        assertThat(writes(carol)).containsExactly("[r] -- short is now a host\n[r] alice: " + wide + "\n");
    }

    @Test
    void aJsonRecipientGetsOneObjectPerEventAndTheOthersTheirLines() {
        Format.JSON.markOn(bob);
        EncodedRun run = EncodedRun.encode(List.of(said("hi")), EnumSet.of(Format.LINES, Format.JSON),
                ByteBufAllocator.DEFAULT, 0);

        run.writeTo(bob, Format.of(bob));
        run.writeTo(carol, Format.of(carol));
        run.release();

        assertThat(writes(bob)).singleElement().satisfies(json -> assertThat(json)
                .startsWith("{\"type\":\"said\",\"room\":\"r\"").contains("\"text\":\"hi\"").endsWith("}\n"));
        assertThat(writes(carol)).containsExactly("[r] alice: hi\n");
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
