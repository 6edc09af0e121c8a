package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes of one cluster on a real Redis behave, for nc users, as one server: every command
 * works between users on different nodes, with the lines a user of one server would see.
 */
class ClusterEndToEndTest {

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(3, RunningServer.WHOLE_LINES);

    private final ClusterClients clients = new ClusterClients();

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    private LineClient login(int node, String name) throws IOException, InterruptedException {
        return clients.login(cluster.address(node), name);
    }

    /** A round trip through {@code client}'s node and Redis: every line sent to it before has arrived. */
    private static void sync(LineClient client) throws IOException, InterruptedException {
        Clients.sync(client);
    }

    @Test
    void namesAreTheClustersAndLinesCrossNodes() throws Exception {
        LineClient alice = login(0, "alice");
        LineClient taken = LineClient.connect(cluster.address(1));
        clients.keep(taken);
        taken.await(LineClient.PROMPT);
        taken.send("ALICE");
        taken.await("! name ALICE is taken");
        LineClient bill = login(2, "bill");
        taken.send("biII");
        taken.await("! name biII is too like bill");
        LineClient bob = taken.claim("bob");
        alice.await("[lobby] -- bob has joined");
        bill.send(":e");
        alice.await("[lobby] -- bill has left");

        alice.send("hello from node 0");
        bob.await("[lobby] alice: hello from node 0");
        LineClient carol = login(2, "carol");
        bob.await("[lobby] -- carol has joined");
        carol.send("/me waves");
        carol.send(":me waves");
        alice.await("[lobby] * carol waves");
        bob.await("[lobby] * carol waves");
    }

    @Test
    void roomsHostsAndTheirCommandsSpanTheNodes() throws Exception {
        LineClient alice = login(0, "alice");
        LineClient bob = login(1, "bob");
        LineClient carol = login(2, "carol");
        alice.send(":n games");
        alice.await("* created games");
        alice.await("* you are in games, nobody else is here");
        bob.send(":cr GAMES");
        bob.await("* you are in games with alice");
        alice.await("[games] -- bob has joined");
        carol.send(":n games");
        carol.await("! room games already exists (join it with :cr games)");

        bob.send(":who");
        bob.await("* in games: alice (host), bob");
        carol.send(":rooms");
        carol.await("* rooms (2):");
        carol.await("*   games: 2 members");
        carol.await("*   lobby: 1 member");

        bob.send(":topic nope");
        bob.await("! only a host of games can do that");
        alice.send(":topic dice tonight");
        bob.await("[games] -- alice set the topic: dice tonight");
        alice.send(":host bob");
        bob.await("[games] -- bob is now a host");
        bob.send(":passwd sesame");
        alice.await("[games] -- bob locked the room");

        carol.send(":cr games");
        carol.await("! room games is locked (enter with :cr games <password>)");
        LineClient dave = login(0, "dave");
        dave.send(":cr games wrong");
        dave.await("! wrong password for games");
        carol.send(":erm games:sesame psst from the lobby");
        carol.await("* sent to games");
        alice.await("[games] carol@lobby: psst from the lobby");
        carol.send(":cr games sesame");
        carol.await("* you are in games with alice, bob");
        carol.await("* topic: dice tonight");
        bob.await("[games] -- carol has joined");
    }

    @Test
    void aHostKicksAMemberOfAnotherNode() throws Exception {
        LineClient alice = login(0, "alice");
        LineClient bob = login(1, "bob");
        LineClient carol = login(2, "carol");
        alice.send(":n games");
        alice.await("* you are in games, nobody else is here");
        bob.send(":cr games");
        alice.await("[games] -- bob has joined");
        carol.send(":cr games");
        bob.await("[games] -- carol has joined");

        alice.send(":kick bob");
        bob.await("* you were kicked from games by alice");
        bob.await("* you are in lobby, nobody else is here");
        carol.await("[games] -- bob was kicked by alice");
        assertThat(bob.passed()).noneMatch(line -> line.contains("was kicked by"));
        bob.send("still here?");
        sync(bob);
        sync(carol);
        assertThat(carol.passed()).noneMatch(line -> line.contains("still here?"));

        alice.send(":kick dave");
        alice.await("! no user named dave in games");
        bob.send(":kick alice");
        bob.await("! room lobby has no hosts, so nobody can do that there");
    }

    @Test
    void privateLinesRenamesAndLeavingReachEveryNode() throws Exception {
        LineClient alice = login(0, "alice");
        LineClient bob = login(1, "bob");
        LineClient carol = login(2, "carol");
        carol.send(":msg alice hi there");
        carol.await("* sent to alice");
        alice.await("[dm] carol: hi there");
        alice.send(":msg nobody hi");
        alice.await("! no user named nobody");

        bob.send(":nick robert");
        bob.await("* you are now robert");
        alice.await("[lobby] -- bob is now known as robert");
        carol.send(":msg robert hello robert");
        bob.await("[dm] carol: hello robert");
        LineClient again = LineClient.connect(cluster.address(2));
        clients.keep(again);
        again.claim("bob");
        alice.await("[lobby] -- bob has joined");

        carol.send(":e");
        carol.await("* bye carol");
        alice.await("[lobby] -- carol has left");
        LineClient newCarol = login(0, "carol");
        bob.await("[lobby] -- carol has joined");
        newCarol.send(":who");
        newCarol.await("* in lobby: alice, robert, bob, carol");
    }

    @Test
    void aBrowserOnOneNodeReadsTheEventsOfAnother() throws Exception {
        LineClient alice = login(0, "alice");
        int httpPort = cluster.node(1).httpAddress().getPort();
        LineClient web = LineClient.webSocket(java.net.URI.create("ws://127.0.0.1:" + httpPort + "/ws"),
                "http://127.0.0.1:" + httpPort, List.of("roomchat.v1.json"));
        clients.keep(web);
        web.await(frame -> "name-prompt".equals(JsonEvent.typeOf(frame)), "the name prompt");
        web.send("webby");
        assertThat(JsonEvent.parse(web.await(frame -> "entered".equals(JsonEvent.typeOf(frame)), "entered")))
                .containsEntry("room", "lobby").containsEntry("members", List.of("alice"));
        alice.await("[lobby] -- webby has joined");
        alice.send("hello browser");
        assertThat(JsonEvent.parse(web.await(frame -> "said".equals(JsonEvent.typeOf(frame)), "said")))
                .containsEntry("room", "lobby").containsEntry("from", "alice").containsEntry("text", "hello browser")
                .containsKey("seq");
    }

    @Test
    void metricsNameTheNodeAndCountTheClustersMembers() throws Exception {
        login(0, "alice");
        login(1, "bob");
        org.awaitility.Awaitility.await().atMost(LineClient.TIMEOUT).untilAsserted(() ->
                assertThat(cluster.node(2).metrics()).contains("roomchat_members 2\n"));
        assertThat(cluster.node(2).metrics()).contains("roomchat_node_info{node=\"node2\"} 1\n",
                "roomchat_broker_up 1\n", "roomchat_broker_events_lost_total 0\n", "roomchat_unavailable_refusals_total 0\n");
    }

    @Test
    void theDefaultRoomsHistoryIsTheClusters() throws Exception {
        LineClient alice = login(0, "alice");
        alice.send("first");
        alice.send("second");
        sync(alice);
        LineClient bob = login(2, "bob");
        // As history, or live when bob's node hears of them after he came: in order, once each.
        bob.await(line -> line.endsWith("[lobby] alice: first"), "first");
        bob.await(line -> line.endsWith("[lobby] alice: second"), "second");
        alice.send("third");
        bob.await("[lobby] alice: third");
        assertThat(bob.passed()).noneMatch(line -> line.contains("alice: first") || line.contains("alice: second"));
    }
}
