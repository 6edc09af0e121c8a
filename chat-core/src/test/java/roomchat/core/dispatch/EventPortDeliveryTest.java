package roomchat.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static roomchat.testing.Stages.done;

import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.broker.LocalBroker;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Member;
import roomchat.core.room.NameChange;
import roomchat.core.room.Room;
import roomchat.core.testing.RecordingChannel;

/** Room events to members reached through an {@link EventPort} (a gRPC stream) rather than a channel. */
class EventPortDeliveryTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-22T12:03:00Z"), ZoneOffset.UTC);

    /** Counts how often a run is turned into a door's messages: once per run, however many members. */
    private static final AtomicInteger encodings = new AtomicInteger();
    private static final Function<List<RoomEvent>, List<String>> TEXTS = events -> {
        encodings.incrementAndGet();
        return events.stream().map(event -> event.room() + " " + event.what()).toList();
    };

    private final LocalRoomRegistry registry = new LocalRoomRegistry("lobby", 2);
    private final LocalBroker broker = new LocalBroker(NOON);
    private final ExecutorDispatcher dispatcher = new ExecutorDispatcher(2, 0, broker);
    private final Room lobby = registry.defaultRoom();

    /** A port that records what it is sent, as text, and fails the test if sent off its loop. */
    private static final class RecordingPort implements EventPort {
        final EventLoop loop;
        final BlockingQueue<String> got = new LinkedBlockingQueue<>();
        volatile boolean writable = true;

        RecordingPort() {
            this(RecordingChannel.LOOPS.next());
        }

        RecordingPort(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        public void send(EventRun run) {
            for (String text : run.encoded(TEXTS)) {
                got.add(onLoop(text));
            }
        }

        @Override
        public void send(Notice notice) {
            got.add(onLoop(notice.getClass().getSimpleName()));
        }

        private String onLoop(String text) {
            return loop.inEventLoop() ? text : "off its loop: " + text;
        }

        @Override
        public void deliver(Notice notice) {
            loop.execute(() -> send(notice));
        }

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public Executor executor() {
            return loop;
        }

        @Override
        public EventLoop eventLoop() {
            return loop;
        }

        List<String> take(int count) throws InterruptedException {
            List<String> taken = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                String next = got.poll(10, TimeUnit.SECONDS);
                assertThat(next).as("item %d of %d (got %s)", i + 1, count, taken).isNotNull();
                taken.add(next);
            }
            return taken;
        }
    }

    @AfterEach
    void stop() {
        dispatcher.close();
    }

    private Member join(String name, EventPort port) {
        NameChange claim = done(registry.claim(name, port, InetAddress.getLoopbackAddress()));
        Member member = ((NameChange.Claimed) claim).moved().member();
        dispatcher.admit(member.room(), member, List.of(new Notice.Info("welcome " + name)));
        return member;
    }

    private RoomEvent said(Member member, String text) {
        return RoomEvent.draft(lobby.name(), member, new Happening.Said(text));
    }

    private RoomEvent toAll(String name) {
        return RoomEvent.byServer(lobby.name(), new Happening.HostGranted(name));
    }

    @Test
    void everyPortGetsTheRunInOrderOnItsLoopEncodedOnceForAll() throws Exception {
        RecordingPort alice = new RecordingPort();
        RecordingPort bob = new RecordingPort();
        join("alice", alice);
        join("bob", bob);
        assertThat(alice.take(1)).containsExactly("Info");
        assertThat(bob.take(1)).containsExactly("Info");
        int before = encodings.get();

        // Published from one task of a loop: one run of three, drained after the turn.
        dispatcher.drainOnLoopsOf(RecordingChannel.LOOPS);
        alice.loop.submit(() -> {
            for (String name : List.of("one", "two", "three")) {
                broker.publish(lobby, toAll(name));
            }
        }).get(10, TimeUnit.SECONDS);

        List<String> expected = List.of("lobby HostGranted[target=one]", "lobby HostGranted[target=two]",
                "lobby HostGranted[target=three]");
        assertThat(alice.take(3)).isEqualTo(expected);
        assertThat(bob.take(3)).isEqualTo(expected);
        assertThat(encodings.get() - before).isEqualTo(1);
        assertThat(dispatcher.deliveries()).isEqualTo(6);
    }

    @Test
    void anEventThatSparesItsActorReachesEveryPortButItsActors() throws Exception {
        RecordingPort alice = new RecordingPort();
        RecordingPort bob = new RecordingPort();
        Member sender = join("alice", alice);
        join("bob", bob);
        alice.take(1);
        bob.take(1);

        broker.publish(lobby, said(sender, "hi"));
        broker.publish(lobby, toAll("sync"));

        assertThat(bob.take(2)).containsExactly("lobby Said[text=hi]", "lobby HostGranted[target=sync]");
        assertThat(alice.take(1)).containsExactly("lobby HostGranted[target=sync]");
        assertThat(alice.got).isEmpty();
    }

    @Test
    void aPortThatIsNotWritableIsSentNothingAndItsEventsAreCountedDropped() throws Exception {
        RecordingPort stalled = new RecordingPort();
        RecordingPort reading = new RecordingPort(stalled.loop);
        join("stalled", stalled);
        join("reading", reading);
        stalled.take(1);
        reading.take(1);
        stalled.writable = false;

        broker.publish(lobby, toAll("one"));
        assertThat(reading.take(1)).containsExactly("lobby HostGranted[target=one]");
        // The loop's task that sent it (to both, one batch) is over once a task queued after it has run.
        stalled.loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
        stalled.writable = true;
        broker.publish(lobby, toAll("two"));
        assertThat(reading.take(1)).containsExactly("lobby HostGranted[target=two]");

        assertThat(stalled.take(1)).containsExactly("lobby HostGranted[target=two]");
        assertThat(dispatcher.droppedDeliveries()).isEqualTo(1);
    }

    @Test
    void aNewcomerHearsItsNoticesAndTheHistoryBeforeAnyLiveEvent() throws Exception {
        RecordingPort alice = new RecordingPort();
        Member speaker = join("alice", alice);
        for (int i = 1; i <= 3; i++) {
            broker.publish(lobby, said(speaker, String.valueOf(i)));
        }
        RecordingPort bob = new RecordingPort();
        join("bob", bob);
        broker.publish(lobby, said(speaker, "live"));

        // The ring keeps two: the history holds "2" and "3"; "live" comes after it, never before.
        assertThat(bob.take(3)).containsExactly("Info", "History", "lobby Said[text=live]");
        assertThat(bob.got).isEmpty();
    }
}
