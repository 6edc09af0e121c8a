package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node closed cleanly tells its users it is shutting down, and its members leave their rooms at
 * once, as users of the other nodes see, with their names free again: nobody waits for its lease.
 */
class GracefulShutdownEndToEndTest {

    /** Long enough that anything seen within {@link #AT_ONCE} can't be the lease running out. */
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(2, config -> {
        RunningServer.WHOLE_LINES.accept(config);
        config.nodeLease = LEASE;
    });

    private final ClusterClients clients = new ClusterClients();

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    private LineClient login(InetSocketAddress node, String name) throws IOException, InterruptedException {
        return clients.login(node, name);
    }

    @Test
    void aClosedNodesUsersAreToldAndLeaveAtOnceWithTheirNamesFree() throws Exception {
        LineClient hana = login(cluster.address(0), "hana");
        hana.send(":n games");
        hana.await("* created games");
        LineClient alice = login(cluster.address(1), "alice");
        alice.send(":cr games");
        alice.await("* you are in games with hana");
        LineClient bob = login(cluster.address(1), "bob");
        LineClient ivan = login(cluster.address(0), "ivan");
        bob.await("[lobby] -- ivan has joined");

        long start = System.nanoTime();
        // Closing waits for the goodbyes and the leaving: on a thread of its own, while the users read.
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> cluster.node(0).close());
        for (LineClient leaving : List.of(hana, ivan)) {
            leaving.await("* server shutting down", AT_ONCE);
            leaving.awaitEnd();
        }
        alice.await("[games] -- hana has left", AT_ONCE);
        alice.await("[games] -- alice is now a host", AT_ONCE);
        bob.await("[lobby] -- ivan has left", AT_ONCE);
        closed.get(AT_ONCE.toSeconds(), TimeUnit.SECONDS);

        for (String name : List.of("hana", "ivan")) {
            LineClient again = LineClient.connect(cluster.address(1));
            clients.keep(again);
            again.await(LineClient.PROMPT);
            again.send(name);
            again.await(line -> line.startsWith("* you are in "), "the welcome, with " + name + " free", AT_ONCE);
            bob.await("[lobby] -- " + name + " has joined");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("all well before the lease").isLessThan(LEASE.dividedBy(2));
        alice.send(":who");
        alice.await("* in games: alice (host)");
    }
}
