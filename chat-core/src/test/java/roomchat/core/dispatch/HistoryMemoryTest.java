package roomchat.core.dispatch;

import static roomchat.testing.Stages.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.broker.LocalBroker;
import roomchat.core.event.Happening;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.HistoryBudget;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Member;
import roomchat.core.room.NameChange;
import roomchat.core.room.Room;
import roomchat.core.room.RoomChange;
import roomchat.core.testing.RecordingChannel;

/** What a room's history holds is given back to the server's budget when the room closes. */
class HistoryMemoryTest {

    private final HistoryBudget budget = new HistoryBudget(1024 * 1024);
    private final LocalRoomRegistry registry = new LocalRoomRegistry("lobby", 20, budget);
    private final LocalBroker broker = new LocalBroker(Clock.systemUTC());
    private final ExecutorDispatcher dispatcher = new ExecutorDispatcher(2, 0, broker);

    @AfterEach
    void stop() {
        dispatcher.close();
    }

    @Test
    void aClosedRoomGivesItsHistorysMemoryBack() throws Exception {
        registry.deliverMovesTo(dispatcher);
        RecordingChannel alice = new RecordingChannel();
        Member member = ((NameChange.Claimed) done(registry.claim("alice", dispatcher.portOf(alice.channel()),
                InetAddress.getLoopbackAddress()))).moved().member();
        Room games = ((RoomChange.Moved) done(registry.create(member, "games"))).to();
        broker.publish(games, RoomEvent.draft("games", member, new Happening.Said("hi")));
        broker.publish(games, sync(games));
        alice.take(1);
        assertThat(budget.usedBytes()).isPositive();

        done(registry.moveTo(member, "lobby", null));
        broker.publish(registry.defaultRoom(), sync(registry.defaultRoom()));
        alice.take(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> budget.usedBytes() == 0);
        assertThat(games.isClosed()).isTrue();
    }

    /** An event the member gets, once every delivery queued before it has run. */
    private static RoomEvent sync(Room room) {
        return RoomEvent.byServer(room.name(), new Happening.HostGranted("sync"));
    }
}
