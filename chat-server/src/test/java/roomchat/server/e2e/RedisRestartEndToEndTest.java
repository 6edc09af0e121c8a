package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis stops and starts again while users on three nodes chat: while it is away, every line is
 * refused where its sender sees it and the nodes say they are unhealthy; every line accepted, before,
 * during or after, reaches every member on every node exactly once, in its sender's order.
 */
class RedisRestartEndToEndTest {

    private static final String UNAVAILABLE = "! chat is unavailable, try again shortly";

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(3, config -> {
        RunningServer.WHOLE_LINES.accept(config);
        config.ratePerSecond = 0;
    });

    private final ClusterClients clients = new ClusterClients();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    @Test
    void acceptedLinesArriveOnceAndRefusedOnesAreSaidToBe() throws Exception {
        LineClient alice = login(0, "alice");
        LineClient bob = login(1, "bob");
        LineClient carol = login(2, "carol");
        bob.await("[lobby] -- carol has joined");
        AtomicBoolean sending = new AtomicBoolean(true);
        int[] sent = {0};
        Thread sender = new Thread(() -> {
            try {
                while (sending.get()) {
                    alice.send("line " + sent[0]++);
                    // About 500 lines a second: a steady chat, not a flood.
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        sender.start();
        await().until(() -> sent[0] > 100);

        cluster.redis().stop();
        await().until(() -> healthStatus(1) == 503);
        alice.await(UNAVAILABLE);
        cluster.redis().start();
        await().until(() -> healthStatus(1) == 200);
        int afterRestart = sent[0];
        await().until(() -> sent[0] > afterRestart + 100);
        sending.set(false);
        sender.join();

        alice.send("the end");
        Clients.sync(alice);
        List<String> toAlice = alice.passed();
        // One refusal was awaited above; the others passed by since.
        long refused = 1 + toAlice.stream().filter(UNAVAILABLE::equals).count();
        assertThat(toAlice).as("what alice was told").allMatch(line -> line.equals(UNAVAILABLE) || !line.startsWith("!"));
        List<Integer> atBob = numbers(bob);
        List<Integer> atCarol = numbers(carol);
        assertThat(atBob).isEqualTo(atCarol);
        assertThat(atBob).doesNotHaveDuplicates().isSorted();
        assertThat(atBob).allMatch(n -> n < sent[0]);
        assertThat(refused).isPositive();
        // Nothing is lost without its sender being told: every line is delivered or refused.
        List<Integer> missing = java.util.stream.IntStream.range(0, sent[0]).filter(n -> !atBob.contains(n)).boxed().toList();
        assertThat(atBob.size() + refused).as("refused %d, not delivered %s", refused, missing).isGreaterThanOrEqualTo(sent[0]);
    }

    private LineClient login(int node, String name) throws IOException, InterruptedException {
        return clients.login(cluster.address(node), name);
    }

    private int healthStatus(int node) throws IOException, InterruptedException {
        URI health = URI.create("http://127.0.0.1:" + cluster.node(node).httpAddress().getPort() + "/healthz");
        return http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The numbers of alice's lines {@code client} received before her last one (the room keeps her order). */
    private static List<Integer> numbers(LineClient client) throws InterruptedException {
        client.await("[lobby] alice: the end");
        return client.passed().stream().filter(line -> line.startsWith("[lobby] alice: line "))
                .map(line -> Integer.parseInt(line.substring("[lobby] alice: line ".length()))).toList();
    }
}
