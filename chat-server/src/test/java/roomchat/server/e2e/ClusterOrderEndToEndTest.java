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

/**
 * One order per room across nodes: 30 users spread over three nodes, ten in each of three rooms,
 * send 200 lines each at once. Every member, on every node, receives its room's lines in one and the
 * same order, each sender's lines in the order it sent them, nothing lost and nothing twice.
 */
class ClusterOrderEndToEndTest {

    private static final int NODES = 3;
    private static final int ROOMS = 3;
    private static final int SENDERS_PER_ROOM = 10;
    private static final int LINES = 200;

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(NODES, config -> {
        RunningServer.WHOLE_LINES.accept(config);
        config.ratePerSecond = 0;
        config.announceLimit = 0;
    });

    private final ClusterClients clients = new ClusterClients();

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    @Test
    void everyMemberOfARoomSeesOneOrder() throws Exception {
        Map<String, List<Named>> senders = new HashMap<>();
        Map<String, List<Named>> observers = new HashMap<>();
        int user = 0;
        for (int room = 0; room < ROOMS; room++) {
            String name = "room" + room;
            Named maker = join(user++ % NODES, "maker" + room);
            maker.client.send(":n " + name);
            maker.client.await("* you are in " + name + ", nobody else is here");
            observers.computeIfAbsent(name, key -> new ArrayList<>()).add(maker);
            for (int node = 1; node < NODES; node++) {
                observers.get(name).add(enter(join(node, "watch" + room + "n" + node), name));
            }
            for (int i = 0; i < SENDERS_PER_ROOM; i++) {
                senders.computeIfAbsent(name, key -> new ArrayList<>()).add(enter(join(user++ % NODES, "s" + room + "x" + i), name));
            }
        }

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newCachedThreadPool();
        List<Future<?>> sending = new ArrayList<>();
        senders.forEach((room, members) -> members.forEach(sender -> sending.add(pool.submit(() -> {
            start.await();
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                burst.append(sender.name).append(' ').append(i).append('\n');
            }
            sender.client.sendRaw(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return null;
        }))));
        start.countDown();
        for (Future<?> each : sending) {
            each.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        int perRoom = SENDERS_PER_ROOM * LINES;
        try {
            check(senders, observers, perRoom);
        } catch (AssertionError e) {
            StringBuilder nodes = new StringBuilder();
            for (int node = 0; node < NODES; node++) {
                nodes.append(cluster.node(node).metrics().lines().filter(line -> line.startsWith("roomchat_broker")
                        || line.startsWith("roomchat_deliveries") || line.startsWith("roomchat_unavailable")).toList()).append('\n');
            }
            throw new AssertionError(e.getMessage() + "\n" + nodes, e);
        }
    }

    private void check(Map<String, List<Named>> senders, Map<String, List<Named>> observers, int perRoom)
            throws InterruptedException {
        for (String room : senders.keySet()) {
            List<String> order = received(observers.get(room).get(0).client, room, perRoom);
            assertThat(order).doesNotHaveDuplicates();
            for (Named sender : senders.get(room)) {
                List<String> own = order.stream().filter(line -> line.startsWith(sender.name + ": ")).toList();
                assertThat(own).hasSize(LINES);
                for (int i = 0; i < LINES; i++) {
                    assertThat(own.get(i)).isEqualTo(sender.name + ": " + sender.name + " " + i);
                }
            }
            for (Named observer : observers.get(room).subList(1, NODES)) {
                assertThat(received(observer.client, room, perRoom)).as(observer.name).isEqualTo(order);
            }
            for (Named sender : senders.get(room)) {
                List<String> others = order.stream().filter(line -> !line.startsWith(sender.name + ": ")).toList();
                assertThat(received(sender.client, room, perRoom - LINES)).as(sender.name).isEqualTo(others);
            }
        }
    }

    private record Named(String name, LineClient client) {
    }

    private Named join(int node, String name) throws IOException, InterruptedException {
        LineClient client = LineClient.connect(cluster.address(node));
        clients.keep(client);
        return new Named(name, client.claim(name));
    }

    private Named enter(Named member, String room) throws IOException, InterruptedException {
        member.client.send(":cr " + room);
        member.client.await(line -> line.startsWith("* you are in " + room), "in " + room);
        return member;
    }

    /** The next {@code count} lines said in {@code room}, without the room's prefix, ignoring anything else. */
    private static List<String> received(LineClient client, String room, int count) throws InterruptedException {
        String prefix = "[" + room + "] ";
        List<String> lines = new ArrayList<>(count);
        while (lines.size() < count) {
            String line = client.await(each -> each.startsWith(prefix) && !each.startsWith(prefix + "--"), count + " lines of " + room
                    + " (" + lines.size() + " so far)");
            lines.add(line.substring(prefix.length()));
        }
        return lines;
    }
}
