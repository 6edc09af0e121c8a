package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that dies (its JVM killed, started from {@code bin/roomchat-server} as an operator would)
 * stops renewing its lease; within the lease and a tick of the reapers, the live nodes take its
 * members out of their rooms, as lost connections, hand their rooms to new hosts and free their
 * names. A node given up for dead that wakes again lets its members go and tells them so.
 *
 * <p>Needs the packaged jar: {@code mvn -B -q package -DskipTests -pl chat-server -am}.
 */
class NodeDeathEndToEndTest {

    /** Every node's lease: short, so that the reapers tick every second. */
    private static final Duration LEASE = Duration.ofSeconds(3);
    /** Asking for a name again while it is still taken: slower than the line rate allows. */
    private static final Duration CLAIM_RETRY = Duration.ofMillis(100);
    /** The lease, a reaper's tick and plenty to spare on a loaded machine. */
    private static final Duration REAPED_WITHIN = Duration.ofSeconds(15);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    /** Longer than any wait of the test: a lease that must not be what lets members go. */
    private static final Duration LONG_LEASE = Duration.ofSeconds(120);
    private static final String LOST_TOUCH = "* this server lost touch with the chat's cluster";

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(2, config -> {
        RunningServer.WHOLE_LINES.accept(config);
        config.nodeLease = LEASE;
    });

    private final ClusterClients clients = new ClusterClients();
    private ChildServer doomed;

    @BeforeEach
    void startTheDoomedNode() throws IOException {
        // A JVM of its own on the test's class path: mvn verify runs the tests before the jar is packaged.
        doomed = ChildServer.start(List.of(), false, "--redis", cluster.redis().uri(), "--node-id", "doomed",
                "--node-lease", LEASE.toSeconds() + "s", "--wrap-width", "0");
        // The process killed below is the server itself, not a shell.
        assertThat(doomed.process().info().command()).hasValueSatisfying(command -> assertThat(command).endsWith("java"));
    }

    @AfterEach
    void stop() throws IOException {
        clients.close();
        doomed.close();
    }

    private LineClient login(InetSocketAddress node, String name) throws IOException, InterruptedException {
        return clients.login(node, name);
    }

    private InetSocketAddress doomedAddress() {
        return new InetSocketAddress("127.0.0.1", doomed.port());
    }

    @Test
    void aKilledNodesMembersLeaveTheirRoomsTheirRoomsGetHostsAndTheirNamesAreFree() throws Exception {
        LineClient dora = login(doomedAddress(), "dora");
        dora.send(":n games");
        dora.await("* created games");
        LineClient alice = login(cluster.address(0), "alice");
        alice.send(":cr games");
        alice.await("* you are in games with dora");
        LineClient dina = login(doomedAddress(), "dina");
        dina.send(":cr games");
        alice.await("[games] -- dina has joined");
        LineClient bob = login(cluster.address(1), "bob");
        bob.send(":cr games");
        bob.await("* you are in games with dora, alice, dina");
        LineClient carol = login(cluster.address(1), "carol");
        LineClient dan = login(doomedAddress(), "dan");
        carol.await("[lobby] -- dan has joined");
        bob.send(":who");
        bob.await("* in games: dora (host), alice, dina, bob");

        doomed.process().destroyForcibly();
        assertThat(doomed.process().waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("killed").isTrue();
        long deadline = System.nanoTime() + REAPED_WITHIN.toNanos();

        // Both leave in either order; alice, there longest, is host once dora is gone.
        for (LineClient member : List.of(alice, bob)) {
            List<String> seen = member.awaitAll(remaining(deadline),
                    "[games] -- dora has left", "[games] -- dina has left", "[games] -- alice is now a host");
            assertThat(seen.indexOf("[games] -- alice is now a host")).isGreaterThan(seen.indexOf("[games] -- dora has left"));
        }
        carol.await("[lobby] -- dan has left", remaining(deadline));
        bob.send(":who");
        bob.await("* in games: alice (host), bob");
        alice.send(":topic the host is here");
        bob.await("[games] -- alice set the topic: the host is here");

        for (String name : List.of("dora", "dina", "dan")) {
            claimOnceFree(cluster.address(1), name, deadline);
            alice.send(":msg " + name + " welcome back");
            alice.await("* sent to " + name);
        }
        for (LineClient gone : List.of(dora, dina, dan)) {
            gone.awaitEnd();
        }
    }

    @Test
    void aNodeRestartedUnderItsIdWithinItsLeaseTakesItsPreviousMembersOutAtOnce() throws Exception {
        // A lease no peer would see run out during the test: only the restart can let dora go.
        doomed.close();
        doomed = ChildServer.start(List.of(), false, "--redis", cluster.redis().uri(), "--node-id", "doomed",
                "--node-lease", LONG_LEASE.toSeconds() + "s", "--wrap-width", "0");
        LineClient alice = login(cluster.address(0), "alice");
        LineClient dora = login(doomedAddress(), "dora");
        alice.await("[lobby] -- dora has joined");
        doomed.process().destroyForcibly();
        assertThat(doomed.process().waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("killed").isTrue();

        doomed = ChildServer.start(List.of(), false, "--redis", cluster.redis().uri(), "--node-id", "doomed",
                "--node-lease", LONG_LEASE.toSeconds() + "s", "--wrap-width", "0");
        alice.await("[lobby] -- dora has left");
        LineClient again = login(doomedAddress(), "dora");
        alice.await("[lobby] -- dora has joined");
        again.send("back");
        alice.await("[lobby] dora: back");
        dora.awaitEnd();
    }

    @Test
    void aNodeGivenUpForDeadLetsItsMembersGoWhenItWakes() throws Exception {
        LineClient alice = login(cluster.address(0), "alice");
        LineClient dan = login(doomedAddress(), "dan");
        alice.await("[lobby] -- dan has joined");

        signal("STOP");
        try {
            alice.await("[lobby] -- dan has left", REAPED_WITHIN);
        } finally {
            signal("CONT");
        }
        dan.await(LOST_TOUCH, REAPED_WITHIN);
        // Before it: what the node had heard of the lobby while frozen (dan's own leaving among it),
        // delivered as it woke, before its next tick found its lease gone.
        dan.passed();
        dan.awaitEnd();
        assertThat(dan.passed()).as("after the goodbye").isEmpty();

        LineClient again = login(doomedAddress(), "dan");
        alice.await("[lobby] -- dan has joined");
        again.send("back again");
        alice.await("[lobby] dan: back again");
        // dan's old self left in Redis long ago: its going is not told twice.
        assertThat(alice.passed()).noneMatch(line -> line.contains("has left"));
    }

    /** Sends the doomed node's JVM signal {@code name}, such as STOP (frozen, as a long pause would) or CONT. */
    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(doomed.process().pid())).inheritIO().start();
        assertThat(kill.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -%s worked", name).isTrue();
    }

    /**
     * Claims {@code name} on a new connection to {@code node}, asking again while the name is still
     * taken (its release follows its holder's leaving) until {@code deadline}.
     */
    private void claimOnceFree(InetSocketAddress node, String name, long deadline) throws IOException, InterruptedException {
        LineClient client = LineClient.connect(node);
        clients.keep(client);
        client.await(LineClient.PROMPT);
        String taken = "! name " + name + " is taken";
        Awaitility.await().atMost(remaining(deadline)).pollInterval(CLAIM_RETRY).pollInSameThread().until(() -> {
            client.send(name);
            return !client.await(line -> line.startsWith("* you are in ") || line.equals(taken), "the welcome or " + taken)
                    .equals(taken);
        });
        client.await("* type :h for help, :e to leave");
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
