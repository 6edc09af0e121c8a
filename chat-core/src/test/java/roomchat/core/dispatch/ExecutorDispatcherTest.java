package roomchat.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
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
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Member;
import roomchat.core.room.NameChange;
import roomchat.core.room.Room;
import roomchat.core.room.RoomHistory;
import roomchat.core.room.RoomMessage;
import roomchat.core.testing.RecordingChannel;

class ExecutorDispatcherTest {

    private final LocalRoomRegistry registry = new LocalRoomRegistry("lobby");
    private final ExecutorDispatcher dispatcher = new ExecutorDispatcher(4);
    private final ExecutorService producers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        producers.shutdownNow();
        dispatcher.close();
    }

    private Member join(String name, RecordingChannel recorder) {
        Member member = join(registry, name, recorder.channel());
        dispatcher.admit(member.room(), member);
        return member;
    }

    @Test
    void everyMemberButTheExcludedOneGetsTheLineOnce() throws Exception {
        RecordingChannel alice = new RecordingChannel();
        RecordingChannel bob = new RecordingChannel();
        Member sender = join("alice", alice);
        join("bob", bob);

        dispatcher.publish(registry.defaultRoom(), RoomMessage.toOthers("[lobby] alice: hi", sender));
        dispatcher.publish(registry.defaultRoom(), RoomMessage.toAll("* done"));

        assertThat(bob.take(2)).containsExactly("[lobby] alice: hi", "* done");
        assertThat(alice.take(1)).containsExactly("* done");
        assertThat(alice.rest()).isEmpty();
    }

    @Test
    void aMemberGetsExactlyTheLinesBetweenItsAdmissionAndItsRemoval() throws Exception {
        RecordingChannel alice = new RecordingChannel();
        Member member = join(registry, "alice", alice.channel());
        Room lobby = registry.defaultRoom();
        dispatcher.publish(lobby, RoomMessage.toAll("before"));
        dispatcher.admit(lobby, member);
        dispatcher.publish(lobby, RoomMessage.toAll("during"));
        dispatcher.remove(lobby, member);
        dispatcher.publish(lobby, RoomMessage.toAll("after"));
        dispatcher.sendTo(member, "direct");
        assertThat(alice.take(2)).containsExactlyInAnyOrder("during", "direct");
        RecordingChannel bob = new RecordingChannel();
        join("bob", bob);
        dispatcher.publish(lobby, RoomMessage.toAll("sync"));
        bob.take(1);
        assertThat(alice.rest()).isEmpty();
    }

    @Test
    void aNewcomerGetsTheHistoryThenLiveLinesWithNothingTwice() throws Exception {
        Clock noon = Clock.fixed(Instant.parse("2026-11-22T12:03:00Z"), ZoneOffset.UTC);
        LocalRoomRegistry rooms = new LocalRoomRegistry("lobby", 2);
        try (ExecutorDispatcher keeping = new ExecutorDispatcher(2, ByteBufAllocator.DEFAULT, noon, 0)) {
            Member alice = join(rooms, "alice", new RecordingChannel().channel());
            keeping.admit(rooms.defaultRoom(), alice);
            for (int i = 1; i <= 3; i++) {
                keeping.publish(rooms.defaultRoom(), RoomMessage.said("[lobby] alice: " + i, alice));
            }
            keeping.publish(rooms.defaultRoom(), RoomMessage.toAll("* not kept"));
            RecordingChannel bob = new RecordingChannel();
            Member newcomer = join(rooms, "bob", bob.channel());
            keeping.admit(rooms.defaultRoom(), newcomer);
            keeping.publish(rooms.defaultRoom(), RoomMessage.said("[lobby] alice: 4", alice));
            assertThat(bob.take(4)).containsExactly("12:03 [lobby] alice: 2", "12:03 [lobby] alice: 3",
                    RoomHistory.LIVE_CHAT_STARTS, "[lobby] alice: 4");
        }
    }

    @Test
    void eachProducersOrderIsKeptInEveryRoomUnderConcurrency() throws Exception {
        int producerCount = 4;
        int perProducer = 2_000;
        Map<String, RecordingChannel> listeners = new HashMap<>();
        List<Room> rooms = new ArrayList<>();
        for (String roomName : List.of("lobby", "games", "chess")) {
            RecordingChannel listener = new RecordingChannel();
            Member member = join(registry, "listener-" + roomName, listener.channel());
            if (!roomName.equals("lobby")) {
                registry.create(member, roomName);
            }
            dispatcher.admit(member.room(), member);
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
                        dispatcher.publish(room, RoomMessage.toAll(producer + " " + seq));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : sent) {
            future.get(30, TimeUnit.SECONDS);
        }

        for (RecordingChannel listener : listeners.values()) {
            int[] next = new int[producerCount];
            for (String line : listener.take(producerCount * perProducer)) {
                String[] parts = line.split(" ");
                int producer = Integer.parseInt(parts[0]);
                assertThat(Integer.parseInt(parts[1])).as("producer %d", producer).isEqualTo(next[producer]++);
            }
            assertThat(listener.rest()).isEmpty();
        }
    }

    private static Member join(LocalRoomRegistry rooms, String name, Channel channel) {
        return ((NameChange.Claimed) rooms.claim(name, channel, InetAddress.getLoopbackAddress())).moved().member();
    }
}
