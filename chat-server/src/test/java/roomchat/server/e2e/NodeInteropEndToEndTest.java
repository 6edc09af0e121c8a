package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ServerConfig;

/**
 * Interoperability with a gRPC client that is not ours: Node.js with {@code @grpc/grpc-js} and
 * {@code @grpc/proto-loader}, loading the same chat.proto, as a real child process
 * ({@code src/test/node/grpc-client.js}). It exchanges a line with an nc user in the lobby, or in the
 * nc user's room after moving there with a typed command.
 */
class NodeInteropEndToEndTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> config.grpcPort = ServerConfig.ANY_FREE_PORT);

    private final Clients clients = new Clients(server);
    private NodeClient node;

    @BeforeEach
    void needNode() {
        NodeClient.assumeInstalled();
    }

    @AfterEach
    void stop() throws IOException {
        if (node != null) {
            node.close();
        }
        clients.close();
    }

    @Test
    void aNodeClientAndAnNcUserExchangeALineInTheLobby() throws Exception {
        LineClient alice = clients.login("alice");
        node = NodeClient.start(server.server().grpcAddress(), "nodebot");
        node.await("named nodebot");
        alice.await("[lobby] -- nodebot has joined");

        alice.send("hello from nc");
        node.await("heard alice in lobby: hello from nc");
        alice.await("[lobby] nodebot: nodebot got: hello from nc");
        alice.await("[lobby] -- nodebot has left");

        assertThat(node.awaitExit()).as("node's exit code; it printed %s", node.printed()).isZero();
        assertThat(node.printed()).endsWith("done");
    }

    @Test
    void aNodeClientMovesWithATypedCommandIntoTheRoomOfAnNcUserAndChatsThere() throws Exception {
        LineClient alice = clients.login("alice");
        alice.send(":n games");
        alice.await("* you are in games, nobody else is here");
        node = NodeClient.startInRoom(server.server().grpcAddress(), "nodebot", "games");
        node.await("named nodebot");
        node.await("entered games with alice");
        alice.await("[games] -- nodebot has joined");

        alice.send("hello in games");
        node.await("heard alice in games: hello in games");
        alice.await("[games] nodebot: nodebot got: hello in games");
        alice.await("[games] -- nodebot has left");

        assertThat(node.awaitExit()).as("node's exit code; it printed %s", node.printed()).isZero();
        assertThat(node.printed()).endsWith("done");
    }
}
