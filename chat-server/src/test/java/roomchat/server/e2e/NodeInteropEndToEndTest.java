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
 * ({@code src/test/node/grpc-client.js}). It joins the lobby and exchanges a line with an nc user.
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
}
