package roomchat.core.broker;

import static roomchat.testing.Stages.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.event.Happening;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Member;
import roomchat.core.room.NameChange;
import roomchat.core.room.Room;
import roomchat.core.room.RoomChange;
import roomchat.core.testing.RecordingPort;

/** The in-process broker keeps the broker's contract: each room's numbers gapless, in the order subscribers get them. */
class LocalBrokerTest {

    private final LocalRoomRegistry registry = new LocalRoomRegistry("lobby", 10);
    private final LocalBroker broker = new LocalBroker(Clock.systemUTC());
    /** The numbers each room's events were handed over with, in the order they were. */
    private final Map<String, List<Long>> received = new ConcurrentHashMap<>();
    private final ExecutorService publishers = Executors.newFixedThreadPool(4);

    LocalBrokerTest() {
        // Each room's list is appended to only under that room's lock, which the broker holds while it hands over.
        broker.start((room, event) -> received.computeIfAbsent(room.name(), name -> new ArrayList<>()).add(event.seq()));
    }

    @AfterEach
    void stop() {
        publishers.shutdownNow();
        broker.close();
    }

    private Member join(String name) {
        NameChange claim = done(registry.claim(name, new RecordingPort(), InetAddress.getLoopbackAddress()));
        return ((NameChange.Claimed) claim).moved().member();
    }

    private Room create(Member host, String room) {
        return ((RoomChange.Moved) done(registry.create(host, room))).to();
    }

    private static RoomEvent said(Member member, Room room, String text) {
        return RoomEvent.draft(room.name(), member, new Happening.Said(text));
    }

    private long publish(Room room, RoomEvent draft) {
        return broker.publish(room, draft).toCompletableFuture().join();
    }

    @Test
    void eachRoomNumbersItsEventsFromOneWithoutGapsInTheOrderTheSubscriberGetsThem() {
        Member alice = join("alice");
        Member bob = join("bob");
        Room lobby = registry.defaultRoom();
        Room games = create(bob, "games");

        assertThat(publish(lobby, said(alice, lobby, "a"))).isEqualTo(1);
        assertThat(publish(games, said(bob, games, "b"))).isEqualTo(1);
        assertThat(publish(lobby, RoomEvent.byServer("lobby", new Happening.HostGranted("x")))).isEqualTo(2);
        assertThat(publish(lobby, said(alice, lobby, "c"))).isEqualTo(3);
        assertThat(publish(games, said(bob, games, "d"))).isEqualTo(2);

        assertThat(received).containsOnlyKeys("lobby", "games");
        assertThat(received.get("lobby")).containsExactly(1L, 2L, 3L);
        assertThat(received.get("games")).containsExactly(1L, 2L);
    }

    @Test
    void concurrentPublishersGetEveryRoomGaplessNumbersInOrder() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        List<Room> rooms = new ArrayList<>();
        for (String name : List.of("lobby", "games", "chess")) {
            Member listener = join("listener-" + name);
            rooms.add(name.equals("lobby") ? registry.defaultRoom() : create(listener, name));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(publishers.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    for (Room room : rooms) {
                        broker.publish(room, RoomEvent.byServer(room.name(), new Happening.Said(String.valueOf(i))));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> publisher : done) {
            publisher.get(30, TimeUnit.SECONDS);
        }

        List<Long> expected = LongStream.rangeClosed(1, (long) threads * perThread).boxed().toList();
        for (Room room : rooms) {
            assertThat(received.get(room.name())).as(room.name()).isEqualTo(expected);
        }
    }

    @Test
    void aLineWhoseSpeakerHasMovedOutIsRefusedNotNumberedAndNotKept() {
        Member alice = join("alice");
        Member bob = join("bob");
        Room games = create(alice, "games");
        done(registry.moveTo(bob, "games", null));
        publish(games, said(alice, games, "before"));
        done(registry.moveTo(alice, "lobby", null));

        assertThatThrownBy(() -> publish(games, said(alice, games, "too late")))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(Broker.NotInRoom.class);
        assertThat(publish(games, said(bob, games, "after"))).isEqualTo(2);

        assertThat(received.get("games")).containsExactly(1L, 2L);
        assertThat(broker.history(games, Long.MAX_VALUE)).extracting(event -> ((Happening.Said) event.what()).text())
                .containsExactly("before", "after");
    }

    @Test
    void historyThroughANumberGivesOnlyTheKeptEventsUpToIt() {
        Member alice = join("alice");
        Room lobby = registry.defaultRoom();
        publish(lobby, said(alice, lobby, "one"));
        publish(lobby, RoomEvent.draft("lobby", alice, new Happening.Joined()));
        publish(lobby, RoomEvent.draft("lobby", alice, new Happening.Acted("waves")));
        publish(lobby, said(alice, lobby, "four"));

        assertThat(broker.history(lobby, 3)).extracting(RoomEvent::seq).containsExactly(1L, 3L);
        assertThat(broker.history(lobby, 3)).extracting(RoomEvent::what)
                .containsExactly(new Happening.Said("one"), new Happening.Acted("waves"));
        assertThat(broker.history(lobby, 0)).isEmpty();
        assertThat(broker.history(lobby, 4)).extracting(RoomEvent::seq).containsExactly(1L, 3L, 4L);
    }
}
