package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Room;

/**
 * 500 users in 25 rooms for a bounded time (30 s, or {@code -Dsoak.seconds}). In each room ten
 * stayers chat steadily and never move; 250 movers chat, change and create rooms, send into other
 * rooms, and drop their connections and come back. Every stayer must get every other stayer's lines
 * in order, and once everyone is gone only the default room and no name may be left.
 */
class SoakEndToEndTest {

    private static final int ROOMS = 25;
    private static final int STAYERS_PER_ROOM = 10;
    private static final int MOVERS = 250;
    private static final Duration LENGTH = Duration.ofSeconds(Integer.getInteger("soak.seconds", 30));

    /** Everyone connects from 127.0.0.1; every other limit stays at its default. */
    @RegisterExtension
    final RunningServer server = new RunningServer(config -> config.maxConnectionsPerIp = 1_000);

    private final Clients clients = new Clients(server);
    private final ScheduledExecutorService load = Executors.newScheduledThreadPool(4);
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    @AfterEach
    void stop() throws IOException {
        load.shutdownNow();
        clients.close();
    }

    private record Stayer(LineClient client, String name, int room, AtomicInteger sent) {
    }

    @Test
    void nothingIsLostOrLeftOver() throws Exception {
        List<Stayer> stayers = new ArrayList<>();
        for (int room = 0; room < ROOMS; room++) {
            for (int i = 0; i < STAYERS_PER_ROOM; i++) {
                String name = "st" + room + "-" + i;
                LineClient client = clients.login(name);
                client.send((i == 0 ? ":n soak" : ":cr soak") + room);
                client.await(line -> line.startsWith("* you are in soak"), "the move");
                stayers.add(new Stayer(client, name, room, new AtomicInteger()));
            }
        }
        for (Stayer stayer : stayers) {
            every(250, () -> stayer.client().send("seq " + stayer.sent().getAndIncrement()));
        }
        for (int i = 0; i < MOVERS; i++) {
            Mover mover = new Mover("mv" + i);
            every(100, mover::act);
        }

        assertThat(load.awaitTermination(LENGTH.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures.get()).as("load failures, first: %s", firstFailure.get()).isZero();

        for (Stayer stayer : stayers) {
            stayer.client().send("done");
        }
        for (Stayer stayer : stayers) {
            assertReceivedEverything(stayer, stayers);
        }

        clients.close();
        await().atMost(LineClient.TIMEOUT).untilAsserted(() -> {
            assertThat(((LocalRoomRegistry) server.server().registry()).rooms()).extracting(Room::name).containsExactly("lobby");
            assertThat(server.server().registry().memberCount()).isZero();
        });
    }

    private void assertReceivedEverything(Stayer stayer, List<Stayer> stayers) throws InterruptedException {
        String prefix = "[soak" + stayer.room() + "] st" + stayer.room() + "-";
        Map<String, Integer> next = new HashMap<>();
        int done = 0;
        while (done < STAYERS_PER_ROOM - 1) {
            String line = stayer.client().await(l -> l.startsWith(prefix), "the lines of " + stayer.name() + "'s room");
            String[] senderAndText = line.substring("[soak".length() + String.valueOf(stayer.room()).length() + 2).split(": ");
            if (senderAndText[1].equals("done")) {
                done++;
                continue;
            }
            int expected = next.getOrDefault(senderAndText[0], 0);
            assertThat(senderAndText[1]).as("%s received from %s", stayer.name(), senderAndText[0]).isEqualTo("seq " + expected);
            next.put(senderAndText[0], expected + 1);
        }
        for (Stayer other : stayers) {
            if (other.room() == stayer.room() && other != stayer) {
                assertThat(next.getOrDefault(other.name(), 0)).as("lines from %s to %s", other.name(), stayer.name())
                        .isEqualTo(other.sent().get());
            }
        }
    }

    /** A user who wanders: each step is one random thing a person might do. */
    private final class Mover {
        private final String baseName;
        private int generation;
        private LineClient client;

        Mover(String baseName) throws IOException, InterruptedException {
            this.baseName = baseName;
            this.client = clients.login(baseName);
        }

        void act() throws IOException, InterruptedException {
            client.discardReceived();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int dice = random.nextInt(100);
            if (dice < 40) {
                client.send("m " + random.nextInt());
            } else if (dice < 60) {
                client.send(":cr soak" + random.nextInt(ROOMS));
            } else if (dice < 70) {
                client.send(":n tmp" + random.nextInt(20));
            } else if (dice < 80) {
                client.send(":cr tmp" + random.nextInt(20));
            } else if (dice < 95) {
                client.send(":erm soak" + random.nextInt(ROOMS) + " hello from afar");
            } else {
                client.close();
                client = clients.login(baseName + "g" + ++generation);
            }
        }
    }

    private interface Step {
        void run() throws IOException, InterruptedException;
    }

    private void every(long periodMs, Step step) {
        long initialDelay = ThreadLocalRandom.current().nextLong(periodMs);
        load.scheduleAtFixedRate(() -> {
            try {
                step.run();
            } catch (IOException | UncheckedIOException | AssertionError e) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, initialDelay, periodMs, TimeUnit.MILLISECONDS);
    }
}
