package roomchat.core.chat;

import static roomchat.testing.Stages.done;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.broker.LocalBroker;
import roomchat.core.command.Command;
import roomchat.core.command.Input;
import roomchat.core.dispatch.ExecutorDispatcher;
import roomchat.core.event.Happening;
import roomchat.core.limit.GuessLedger;
import roomchat.core.render.LineRenderer;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Member;
import roomchat.core.room.Room;
import roomchat.core.testing.RecordingChannel;

/**
 * A kick as its members' channels see it, wired as the server wires it: the kicked member is told
 * why and where it is before anything of the room it lands in, and a line it typed in the room it
 * was taken out of lands nowhere.
 */
class KickDeliveryTest {

    private final LocalRoomRegistry registry = new LocalRoomRegistry("lobby", 10);
    private final LocalBroker broker = new LocalBroker(Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC));
    private final ExecutorDispatcher dispatcher = new ExecutorDispatcher(2, 0, broker);
    private final ChatService chat = new ChatService(registry, broker, ChatService.DEFAULT_ANNOUNCE_LIMIT, new GuessLedger());

    KickDeliveryTest() {
        registry.deliverMovesTo(dispatcher);
    }

    @AfterEach
    void stop() {
        dispatcher.close();
    }

    private Member join(String name, RecordingChannel channel) {
        return done(chat.beforeName(new Input.ChatText(name), dispatcher.portOf(channel.channel()), InetAddress.getLoopbackAddress()))
                .member().orElseThrow();
    }

    @Test
    void aKickedMemberIsToldWhyAndWhereBeforeTheDefaultRoomsHistoryAndLiveLines() throws Exception {
        RecordingChannel carolSees = new RecordingChannel();
        RecordingChannel bobSees = new RecordingChannel();
        Member carol = join("carol", carolSees);
        Member alice = join("alice", new RecordingChannel());
        done(chat.handle(alice, new Command.NewRoom("games")));
        Member bob = join("bob", bobSees);
        done(chat.handle(bob, new Command.ChangeRoom("games", Optional.empty())));
        done(chat.handle(carol, new Input.ChatText("earlier")));
        // Once carol has heard bob leave, the lobby's deliveries up to his leaving have run.
        assertThat(carolSees.take(4)).endsWith("[lobby] -- bob has left");

        done(chat.handle(alice, new Command.Kick("bob")));
        done(chat.handle(carol, new Input.ChatText("live")));

        assertThat(bobSees.take(5)).containsExactly(
                "* you were kicked from games by alice",
                "* you are in lobby with carol",
                "12:00 [lobby] carol: earlier",
                LineRenderer.LIVE_CHAT_STARTS,
                "[lobby] carol: live");
        assertThat(carolSees.take(1)).containsExactly("[lobby] -- bob has joined");
        assertThat(bobSees.rest()).isEmpty();
    }

    @Test
    void aLineTypedAsItsSenderIsKickedNeverReachesTheRoomItLeftNorItsHistory() throws Exception {
        RecordingChannel bobSees = new RecordingChannel();
        RecordingChannel daveSees = new RecordingChannel();
        Member alice = join("alice", new RecordingChannel());
        done(chat.handle(alice, new Command.NewRoom("games")));
        Member bob = join("bob", bobSees);
        Member dave = join("dave", daveSees);
        done(chat.handle(bob, new Command.ChangeRoom("games", Optional.empty())));
        done(chat.handle(dave, new Command.ChangeRoom("games", Optional.empty())));
        Room games = alice.room();
        // Rooms are delivered in parallel: each in its order, not in one order with the others.
        assertThat(bobSees.take(2)).containsExactlyInAnyOrder("[lobby] -- dave has joined", "[games] -- dave has joined");

        done(chat.handle(alice, new Command.Kick("bob")));
        // What bob typed while still in games, published as the registry has just moved him out.
        new Said(broker, new LongAdder()).publish(games, bob, new Happening.Said("too late"));
        done(chat.handle(alice, new Input.ChatText("sync")));

        assertThat(daveSees.take(3)).containsExactlyInAnyOrder("[lobby] -- bob has left", "[games] -- bob was kicked by alice",
                "[games] alice: sync").containsSubsequence("[games] -- bob was kicked by alice", "[games] alice: sync");
        assertThat(daveSees.rest()).isEmpty();
        assertThat(broker.history(games, Long.MAX_VALUE)).extracting(event -> event.what())
                .containsExactly(new Happening.Said("sync"));
        // The refusal is told from the publisher's thread, the kick from the default room's drain.
        assertThat(bobSees.take(3)).containsExactlyInAnyOrder(
                "* you were kicked from games by alice",
                "* you are in lobby, nobody else is here",
                "! your line did not reach games: you are no longer in it")
                .containsSubsequence("* you were kicked from games by alice", "* you are in lobby, nobody else is here");
    }
}
