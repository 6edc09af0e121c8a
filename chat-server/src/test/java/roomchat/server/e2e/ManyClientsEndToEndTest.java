package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many users in many rooms all talking at once: no line lost, each sender's order kept. */
class ManyClientsEndToEndTest {

    private static final int CLIENTS = 200;
    private static final int ROOMS = 20;
    private static final int LINES_EACH = 50;

    /** Everyone connects from 127.0.0.1 and sends as fast as it can: limits an operator would raise. */
    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        config.maxConnectionsPerIp = CLIENTS;
        config.ratePerSecond = 0;
    });

    private final List<LineClient> clients = new ArrayList<>();
    private final ExecutorService senders = Executors.newFixedThreadPool(20);

    @AfterEach
    void disconnect() throws IOException {
        senders.shutdownNow();
        for (LineClient client : clients) {
            client.close();
        }
    }

    private static String room(int client) {
        return "room" + client % ROOMS;
    }

    @Test
    void everyLineReachesEveryoneElseInItsRoomInOrder() throws Exception {
        for (int i = 0; i < CLIENTS; i++) {
            LineClient client = LineClient.login(server.address(), "u" + i);
            clients.add(client);
            String room = room(i);
            client.send((i < ROOMS ? ":n " : ":cr ") + room);
            client.await(line -> line.startsWith("* you are in " + room), "the move to " + room);
        }

        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> sent = new ArrayList<>();
        for (LineClient client : clients) {
            sent.add(senders.submit(() -> {
                start.await();
                for (int seq = 0; seq < LINES_EACH; seq++) {
                    client.send("line " + seq);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : sent) {
            future.get(60, TimeUnit.SECONDS);
        }

        int othersInRoom = CLIENTS / ROOMS - 1;
        for (int i = 0; i < CLIENTS; i++) {
            assertAllLinesInOrder(clients.get(i), room(i), othersInRoom * LINES_EACH);
        }
    }

    private static void assertAllLinesInOrder(LineClient client, String room, int expected) throws InterruptedException {
        String prefix = "[" + room + "] ";
        Map<String, Integer> nextBySender = new HashMap<>();
        for (int n = 0; n < expected; n++) {
            // A room's notices ("[games] -- bob has joined") are not chat.
            String line = client.await(l -> l.startsWith("[") && !l.matches("\\[[^\\]]+\\] -- .*"),
                    "chat line " + (n + 1) + " of " + expected);
            assertThat(line).startsWith(prefix);
            String[] senderAndText = line.substring(prefix.length()).split(": line ");
            int next = nextBySender.getOrDefault(senderAndText[0], 0);
            assertThat(Integer.parseInt(senderAndText[1])).as(line).isEqualTo(next);
            nextBySender.put(senderAndText[0], next + 1);
        }
        assertThat(nextBySender).hasSize(CLIENTS / ROOMS - 1).allSatisfy((sender, count) -> assertThat(count).isEqualTo(LINES_EACH));
    }
}
