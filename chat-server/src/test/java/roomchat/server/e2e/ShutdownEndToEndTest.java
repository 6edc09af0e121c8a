package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopping the server tells everyone, sends what is pending, closes, and exits 0. */
class ShutdownEndToEndTest {

    @RegisterExtension
    final RunningServer server = new RunningServer();

    private final Clients clients = new Clients(server);
    private ChildServer child;

    @AfterEach
    void stop() throws IOException {
        clients.close();
        if (child != null) {
            child.close();
        }
    }

    @Test
    void closingTellsEveryUserAndStopsAccepting() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient bob = clients.login("bob");
        server.server().close();
        for (LineClient user : List.of(alice, bob)) {
            user.await("* server shutting down");
            user.awaitEnd();
        }
        assertThatThrownBy(() -> LineClient.connect(server.address())).isInstanceOf(ConnectException.class);
    }

    @Test
    void sigtermStopsTheProcessGracefullyWithExitCodeZero() throws Exception {
        child = ChildServer.start(List.of(), false);
        Process process = child.process();
        LineClient alice = clients.keep(LineClient.login(new InetSocketAddress("127.0.0.1", child.port()), "alice"));

        process.destroy();
        alice.await("* server shutting down");
        alice.awaitEnd();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s").isTrue();
        assertThat(process.exitValue()).isZero();
    }
}
