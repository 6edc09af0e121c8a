package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis restarted without its data: no node can vouch for its members any more (their names and
 * rooms are gone from the cluster), so every node tells its users it lost touch and lets them go,
 * and each can come back under the same name.
 */
class RedisDataLossEndToEndTest {

    private static final String LOST_TOUCH = "* this server lost touch with the chat's cluster";
    /** Redis back, the nodes reconnected (backoff capped at a second) and their epoch read. */
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(10);

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(2, RunningServer.WHOLE_LINES);

    private final ClusterClients clients = new ClusterClients();

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    private LineClient login(InetSocketAddress node, String name) throws IOException, InterruptedException {
        return clients.login(node, name);
    }

    @Test
    void everyNodeLetsItsUsersGoWhenRedisLostItsDataAndTheyComeBackUnderTheirNames() throws Exception {
        LineClient alice = login(cluster.address(0), "alice");
        alice.send(":n games");
        alice.await("* created games");
        LineClient bob = login(cluster.address(1), "bob");
        bob.send(":cr games");
        alice.await("[games] -- bob has joined");
        LineClient carol = login(cluster.address(1), "carol");

        cluster.restartRedisEmpty();

        for (LineClient user : List.of(alice, bob, carol)) {
            user.await(LOST_TOUCH, NOTICED_WITHIN);
            user.passed();
            user.awaitEnd();
            assertThat(user.passed()).as("after the goodbye").isEmpty();
        }

        LineClient newAlice = login(cluster.address(1), "alice");
        LineClient newBob = login(cluster.address(0), "bob");
        newAlice.await("[lobby] -- bob has joined");
        newAlice.send("we are back");
        newBob.await("[lobby] alice: we are back");
        LineClient newCarol = login(cluster.address(0), "carol");
        newCarol.send(":who");
        newCarol.await("* in lobby: alice, bob, carol");
        newCarol.send(":cr games");
        newCarol.await("! no room named games (create it with :n games)");
    }
}
