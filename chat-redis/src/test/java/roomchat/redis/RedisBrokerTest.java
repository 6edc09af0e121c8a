package roomchat.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.broker.Broker;
import roomchat.core.event.Happening;
import roomchat.core.event.LeaveReason;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Member;
import roomchat.core.room.Room;
import roomchat.core.testing.RecordingPort;

/**
 * Two nodes (two links, two brokers) sharing one real Redis: one order per room, each event once,
 * presence, history, gaps, a Redis restart, and a subscription gone deaf.
 */
class RedisBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int HISTORY_LINES = 5;
    private static final int STREAM_LENGTH = 1000;

    private final RedisProcess redis = RedisProcess.launch();
    private final Room games = Room.handle("games", false);
    private final Member alice = new Member(1, "alice", new RecordingPort(), InetAddress.getLoopbackAddress());
    private final Member bob = new Member(1, "bob", new RecordingPort(), InetAddress.getLoopbackAddress());
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Node one = node("n1", redis.uri(), alice);
    private final Node two = node("n2", redis.uri(), bob);

    /** A node: its link, its broker, and the events its subscriber got, in the order it got them. */
    private record Node(RedisLink link, RedisBroker broker, List<RoomEvent> received) {
        List<Long> seqs() {
            synchronized (received) {
                return received.stream().map(RoomEvent::seq).collect(Collectors.toList());
            }
        }
    }

    private Node node(String id, String uri, Member member) {
        RedisLink link = RedisLink.connect(uri, id);
        RedisBroker broker = new RedisBroker(link, memberId -> memberId == member.id() ? member : null, HISTORY_LINES,
                STREAM_LENGTH);
        List<RoomEvent> received = Collections.synchronizedList(new ArrayList<>());
        broker.start((room, event) -> received.add(event));
        toClose.add(0, link);
        toClose.add(0, broker);
        return new Node(link, broker, received);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        redis.close();
    }

    private static <T> T result(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Throwable failureOf(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the stage completed");
    }

    private void enter(Node node, Member member) throws Exception {
        result(node.link().commands().zadd(RedisKeys.room("games", "members"), 1,
                RedisKeys.ref(node.link().nodeId(), member.id())));
    }

    private static RoomEvent said(Member member, String text) {
        return RoomEvent.draft("games", member, new Happening.Said(text));
    }

    private static List<Long> oneTo(long last) {
        return LongStream.rangeClosed(1, last).boxed().collect(Collectors.toList());
    }

    @Test
    void bothNodesGetEveryEventOnceInTheSameGaplessOrder() throws Exception {
        result(one.broker().subscribe(games));
        result(two.broker().subscribe(games));
        enter(one, alice);
        enter(two, bob);

        List<CompletableFuture<Long>> published = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            published.add(one.broker().publish(games, said(alice, "a" + i)).toCompletableFuture());
            published.add(two.broker().publish(games, said(bob, "b" + i)).toCompletableFuture());
        }
        Set<Long> given = ConcurrentHashMap.newKeySet();
        for (CompletableFuture<Long> seq : published) {
            given.add(result(seq));
        }

        assertThat(given).containsExactlyInAnyOrderElementsOf(oneTo(100));
        await().atMost(WAIT).until(() -> one.received().size() >= 100 && two.received().size() >= 100);
        assertThat(one.seqs()).isEqualTo(oneTo(100));
        assertThat(two.seqs()).isEqualTo(oneTo(100));
        assertThat(one.received().stream().map(event -> event.what()).toList())
                .isEqualTo(two.received().stream().map(event -> event.what()).toList());
        // Each node knows its own members as the origin, and nobody else's.
        RoomEvent first = one.received().get(0);
        assertThat(first.origin()).isSameAs(first.actor().equals("alice") ? alice : null);
        assertThat(two.received().get(0).origin()).isSameAs(first.actor().equals("bob") ? bob : null);
        assertThat(one.broker().gapsRepaired() + two.broker().gapsRepaired()).isZero();
    }

    @Test
    void refusesAnActorWhoIsNotInTheRoom() throws Exception {
        result(one.broker().subscribe(games));

        assertThat(failureOf(one.broker().publish(games, said(alice, "hello?")))).isInstanceOf(Broker.NotInRoom.class);
        // Leaving and the server's own events need nobody present.
        assertThat(result(one.broker().publish(games, RoomEvent.draft("games", alice, new Happening.Left(LeaveReason.QUIT)))))
                .isEqualTo(1);
        assertThat(result(one.broker().publish(games, RoomEvent.byServer("games", new Happening.HostGranted("bob")))))
                .isEqualTo(2);
        enter(one, alice);
        assertThat(result(one.broker().publish(games, said(alice, "now I am")))).isEqualTo(3);
        await().atMost(WAIT).until(() -> one.seqs().equals(oneTo(3)));
    }

    @Test
    void aLateSubscriberStartsWithTheHistoryAndOnlyNewerEvents() throws Exception {
        result(one.broker().subscribe(games));
        enter(one, alice);
        for (int i = 1; i <= 7; i++) {
            result(one.broker().publish(games, said(alice, "line " + i)));
        }
        result(one.broker().publish(games, RoomEvent.draft("games", alice, new Happening.Joined())));

        result(two.broker().subscribe(games));
        long next = result(one.broker().publish(games, said(alice, "after")));

        await().atMost(WAIT).until(() -> two.received().size() == 1);
        assertThat(two.seqs()).containsExactly(next);
        // Events before it subscribed (#1-#8) are history whatever the number asked; the last five kept ones.
        assertThat(two.broker().history(games, 0)).extracting(RoomEvent::what).containsExactly(
                new Happening.Said("line 3"), new Happening.Said("line 4"), new Happening.Said("line 5"),
                new Happening.Said("line 6"), new Happening.Said("line 7"));
        assertThat(two.broker().history(games, 0)).allSatisfy(event -> assertThat(event.origin()).isNull());
        assertThat(two.broker().history(games, next)).extracting(RoomEvent::seq).containsExactly(4L, 5L, 6L, 7L, next);
        // The node of the speaker knows it as the origin of its history.
        await().atMost(WAIT).until(() -> one.received().size() == 9);
        assertThat(one.broker().history(games, next)).allSatisfy(event -> assertThat(event.origin()).isSameAs(alice));
    }

    @Test
    void fillsAGapFromTheStreamAndCountsWhatTheStreamLost() throws Exception {
        result(one.broker().subscribe(games));
        result(two.broker().subscribe(games));
        result(one.broker().publish(games, RoomEvent.byServer("games", new Happening.TopicChanged("one"))));
        // #2 is ordered and stored but never published: both channels skip it.
        String json = EventCodec.json(RoomEvent.byServer("games", new Happening.TopicChanged("two")), null);
        result(one.link().commands().incr(RedisKeys.room("games", "seq")));
        result(one.link().commands().xadd(RedisKeys.room("games", "events"), new io.lettuce.core.XAddArgs().id("2-0"),
                "m", EventCodec.wire(2, System.currentTimeMillis(), json)));
        result(one.broker().publish(games, RoomEvent.byServer("games", new Happening.TopicChanged("three"))));

        await().atMost(WAIT).until(() -> one.received().size() == 3 && two.received().size() == 3);
        assertThat(one.seqs()).isEqualTo(oneTo(3));
        assertThat(two.received()).extracting(RoomEvent::what).containsExactly(new Happening.TopicChanged("one"),
                new Happening.TopicChanged("two"), new Happening.TopicChanged("three"));
        assertThat(one.broker().gapsRepaired()).isEqualTo(1);
        assertThat(two.broker().gapsRepaired()).isEqualTo(1);

        // #4 is numbered but never stored nor published: lost, and the room goes on.
        result(one.link().commands().incr(RedisKeys.room("games", "seq")));
        result(one.broker().publish(games, RoomEvent.byServer("games", new Happening.TopicChanged("five"))));

        await().atMost(WAIT).until(() -> two.received().size() == 4);
        assertThat(two.seqs()).containsExactly(1L, 2L, 3L, 5L);
        assertThat(two.broker().eventsLost()).isEqualTo(1);
        assertThat(one.broker().eventsLost()).isEqualTo(1);
    }

    @Test
    void afterRedisRestartsBothNodesCatchUpOnEverythingAccepted() throws Exception {
        result(one.broker().subscribe(games));
        result(two.broker().subscribe(games));
        enter(one, alice);
        AtomicBoolean publishing = new AtomicBoolean(true);
        Set<Long> accepted = ConcurrentHashMap.newKeySet();
        List<Throwable> refusals = Collections.synchronizedList(new ArrayList<>());
        Thread publisher = new Thread(() -> {
            int i = 0;
            while (publishing.get()) {
                try {
                    accepted.add(result(one.broker().publish(games, said(alice, "line " + i++))));
                } catch (Exception e) {
                    refusals.add(e.getCause());
                    await().atMost(WAIT).until(() -> one.link().up() || !publishing.get());
                }
            }
        });
        publisher.start();
        await().atMost(WAIT).until(() -> accepted.size() >= 20);

        redis.stop();
        await().atMost(WAIT).until(() -> !one.link().up() && !two.link().up());
        assertThat(failureOf(two.broker().publish(games, RoomEvent.byServer("games", new Happening.Created()))))
                .isInstanceOf(Broker.Unavailable.class);
        redis.start();
        int before = accepted.size();
        await().atMost(WAIT).until(() -> accepted.size() >= before + 20 && two.link().up());
        publishing.set(false);
        publisher.join(WAIT.toMillis());

        long top = Collections.max(accepted);
        await().atMost(WAIT).until(() -> one.received().size() >= top && two.received().size() >= top);
        assertThat(one.seqs()).isEqualTo(oneTo(top));
        assertThat(two.seqs()).isEqualTo(oneTo(top));
        assertThat(refusals).isNotEmpty().allSatisfy(refusal -> assertThat(refusal).isInstanceOf(Broker.Unavailable.class));
        assertThat(one.link().reconnects()).isEqualTo(1);
    }

    @Test
    void theProbeFindsADeafSubscriptionAndCatchesUp() throws Exception {
        try (DeafeningProxy proxy = new DeafeningProxy(redis.port())) {
            Node deaf = node("n3", proxy.uri(), bob);
            result(one.broker().subscribe(games));
            result(deaf.broker().subscribe(games));
            result(one.broker().publish(games, RoomEvent.byServer("games", new Happening.TopicChanged("heard"))));
            await().atMost(WAIT).until(() -> deaf.received().size() == 1);

            proxy.deafen();
            for (int i = 0; i < 3; i++) {
                result(one.broker().publish(games, RoomEvent.byServer("games", new Happening.TopicChanged("missed " + i))));
            }

            await().atMost(WAIT).until(() -> deaf.received().size() == 4);
            assertThat(deaf.seqs()).isEqualTo(oneTo(4));
            assertThat(deaf.broker().probeFailures()).isEqualTo(1);
            assertThat(deaf.link().up()).isTrue();
            // Live again through the new subscription.
            result(one.broker().publish(games, RoomEvent.byServer("games", new Happening.TopicChanged("live"))));
            await().atMost(WAIT).until(() -> deaf.received().size() == 5);
            assertThat(one.broker().probeFailures()).isZero();
        }
    }
}
