package roomchat.core.dispatch;

import static roomchat.testing.Stages.done;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.broker.LocalBroker;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.render.LineRenderer;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Member;
import roomchat.core.room.NameChange;
import roomchat.core.room.Room;
import roomchat.core.testing.RecordingChannel;

class ExecutorDispatcherTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-22T12:03:00Z"), ZoneOffset.UTC);

    private final LocalRoomRegistry registry = new LocalRoomRegistry("lobby");
    private final LocalBroker broker = new LocalBroker(NOON);
    private final ExecutorDispatcher dispatcher = new ExecutorDispatcher(4, 0, broker);
    private final ExecutorService producers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        producers.shutdownNow();
        dispatcher.close();
    }

    private Member join(String name, RecordingChannel recorder) {
        Member member = join(registry, dispatcher, name, recorder);
        dispatcher.admit(member.room(), member, List.of());
        return member;
    }

    /** {@code [room] -- name is now a host}: an event every member of the room gets. */
    private static RoomEvent toAll(Room room, String name) {
        return RoomEvent.byServer(room.name(), new Happening.HostGranted(name));
    }

    private static RoomEvent said(Member member, String text) {
        return RoomEvent.draft(member.room().name(), member, new Happening.Said(text));
    }

    @Test
    void everyMemberButTheSparedOneGetsTheLineOnce() throws Exception {
        RecordingChannel alice = new RecordingChannel();
        RecordingChannel bob = new RecordingChannel();
        Member sender = join("alice", alice);
        join("bob", bob);
        Room lobby = registry.defaultRoom();

        broker.publish(lobby, said(sender, "hi"));
        broker.publish(lobby, toAll(lobby, "done"));

        assertThat(bob.take(2)).containsExactly("[lobby] alice: hi", "[lobby] -- done is now a host");
        assertThat(alice.take(1)).containsExactly("[lobby] -- done is now a host");
        assertThat(alice.rest()).isEmpty();
    }

    @Test
    void linesPublishedInOneTurnOfAnEventLoopGoOutTogetherAfterIt() throws Exception {
        RecordingChannel alice = new RecordingChannel();
        RecordingChannel bob = new RecordingChannel();
        Member sender = join("alice", alice);
        join("bob", bob);
        Room lobby = registry.defaultRoom();
        broker.publish(lobby, toAll(lobby, "sync"));
        bob.take(1);
        int writesBefore = bob.writes();
        dispatcher.drainOnLoopsOf(RecordingChannel.LOOPS);

        // As alice's connection would, on its event loop: two lines read in one turn.
        alice.channel().eventLoop().submit(() -> {
            broker.publish(lobby, said(sender, "one"));
            broker.publish(lobby, said(sender, "two"));
        }).get(10, TimeUnit.SECONDS);

        assertThat(bob.take(2)).containsExactly("[lobby] alice: one", "[lobby] alice: two");
        // Drained once the turn was over, not by a pool thread racing the second line: one run, one write.
        assertThat(bob.writes() - writesBefore).isEqualTo(1);
    }

    @Test
    void aMemberGetsExactlyTheLinesBetweenItsAdmissionAndItsRemoval() throws Exception {
        RecordingChannel alice = new RecordingChannel();
        Member member = join(registry, dispatcher, "alice", alice);
        Room lobby = registry.defaultRoom();
        broker.publish(lobby, toAll(lobby, "before"));
        dispatcher.admit(lobby, member, List.of(new Notice.Info("first")));
        broker.publish(lobby, toAll(lobby, "during"));
        dispatcher.remove(lobby, member);
        broker.publish(lobby, toAll(lobby, "after"));
        member.port().deliver(new Notice.Info("direct"));
        List<String> got = alice.take(3);
        assertThat(got).containsExactlyInAnyOrder("* first", "[lobby] -- during is now a host", "* direct");
        assertThat(got).containsSubsequence("* first", "[lobby] -- during is now a host");
        RecordingChannel bob = new RecordingChannel();
        join("bob", bob);
        broker.publish(lobby, toAll(lobby, "sync"));
        bob.take(1);
        assertThat(alice.rest()).isEmpty();
    }

    @Test
    void aNewcomerGetsTheHistoryThenLiveLinesWithNothingTwice() throws Exception {
        LocalRoomRegistry rooms = new LocalRoomRegistry("lobby", 2);
        LocalBroker ordering = new LocalBroker(NOON);
        try (ExecutorDispatcher keeping = new ExecutorDispatcher(2, 0, ordering)) {
            Member alice = join(rooms, keeping, "alice", new RecordingChannel());
            Room lobby = rooms.defaultRoom();
            keeping.admit(lobby, alice, List.of());
            for (int i = 1; i <= 3; i++) {
                ordering.publish(lobby, said(alice, String.valueOf(i)));
            }
            ordering.publish(lobby, toAll(lobby, "not-kept"));
            RecordingChannel bob = new RecordingChannel();
            Member newcomer = join(rooms, keeping, "bob", bob);
            keeping.admit(lobby, newcomer, List.of(new Notice.Info("first")));
            // Taken before the next line is said: a line kept before the admission has run would push
            // the oldest out of a ring this small, and the replay would be one line shorter.
            assertThat(bob.take(4)).containsExactly("* first", "12:03 [lobby] alice: 2", "12:03 [lobby] alice: 3",
                    LineRenderer.LIVE_CHAT_STARTS);
            ordering.publish(lobby, said(alice, "4"));
            assertThat(bob.take(1)).containsExactly("[lobby] alice: 4");
            ordering.publish(lobby, toAll(lobby, "sync"));
            assertThat(bob.take(1)).containsExactly("[lobby] -- sync is now a host");
            assertThat(bob.rest()).isEmpty();
        }
    }

    @Test
    void eachRoomsOrderIsKeptForEveryRoomUnderConcurrency() throws Exception {
        int producerCount = 4;
        int perProducer = 2_000;
        Map<String, RecordingChannel> listeners = new HashMap<>();
        List<Room> rooms = new ArrayList<>();
        for (String roomName : List.of("lobby", "games", "chess")) {
            RecordingChannel listener = new RecordingChannel();
            Member member = join(registry, dispatcher, "listener-" + roomName, listener);
            if (!roomName.equals("lobby")) {
                done(registry.create(member, roomName));
            }
            dispatcher.admit(member.room(), member, List.of());
            listeners.put(roomName, listener);
            rooms.add(member.room());
        }

        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> sent = new ArrayList<>();
        for (int p = 0; p < producerCount; p++) {
            int producer = p;
            sent.add(producers.submit(() -> {
                start.await();
                for (int seq = 0; seq < perProducer; seq++) {
                    for (Room room : rooms) {
                        // Said by a name with no member here: a line from another server, which nobody is spared.
                        broker.publish(room, new RoomEvent(room.name(), 0, null, "p" + producer, null,
                                new Happening.Said(String.valueOf(seq))));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : sent) {
            future.get(30, TimeUnit.SECONDS);
        }

        for (Map.Entry<String, RecordingChannel> listener : listeners.entrySet()) {
            int[] next = new int[producerCount];
            String bracket = "[" + listener.getKey() + "] p";
            for (String line : listener.getValue().take(producerCount * perProducer)) {
                assertThat(line).startsWith(bracket);
                String[] parts = line.substring(bracket.length()).split(": ");
                int producer = Integer.parseInt(parts[0]);
                assertThat(Integer.parseInt(parts[1])).as("producer %d", producer).isEqualTo(next[producer]++);
            }
            assertThat(listener.getValue().rest()).isEmpty();
        }
    }

    private static Member join(LocalRoomRegistry rooms, ExecutorDispatcher to, String name, RecordingChannel recorder) {
        NameChange claim = done(rooms.claim(name, to.portOf(recorder.channel()), InetAddress.getLoopbackAddress()));
        return ((NameChange.Claimed) claim).moved().member();
    }
}
