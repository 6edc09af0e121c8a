package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One connection over a limit is refused with one line; nobody already connected notices. */
class ConnectionLimitsEndToEndTest {

    @Nested
    class Total {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> config.maxConnections = 2);

        private final Clients clients = new Clients(server);

        @AfterEach
        void disconnect() throws IOException {
            clients.close();
        }

        @Test
        void oneOverTheLimitIsToldTheServerIsFull() throws Exception {
            LineClient alice = clients.login("alice");
            LineClient bob = clients.login("bob");
            LineClient third = clients.connect();
            third.await("! server full");
            third.awaitEnd();
            assertThat(server.server().metrics()).contains("roomchat_disconnects_total{reason=\"server_full\"} 1");

            alice.send("unaffected");
            bob.await("[lobby] alice: unaffected");
            alice.send(":e");
            alice.awaitEnd();
            await().atMost(LineClient.TIMEOUT).until(() -> server.server().openConnections() == 1);
            clients.login("carol");
        }
    }

    @Nested
    class PerAddress {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> config.maxConnectionsPerIp = 2);

        private final Clients clients = new Clients(server);

        @AfterEach
        void disconnect() throws IOException {
            clients.close();
        }

        @Test
        void oneOverTheLimitFromOneAddressIsRefused() throws Exception {
            LineClient alice = clients.login("alice");
            LineClient bob = clients.login("bob");
            LineClient third = clients.connect();
            third.await("! too many connections from your address");
            third.awaitEnd();

            bob.send("unaffected");
            alice.await("[lobby] bob: unaffected");
        }
    }

    @Nested
    class RefusedConnections {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> {
            config.maxConnections = 2;
            config.maxConnectionsPerIp = 1;
        });

        private final Clients clients = new Clients(server);

        @AfterEach
        void disconnect() throws IOException {
            clients.close();
        }

        @Test
        void aConnectionRefusedForItsAddressKeepsNoPlaceInTheTotal() throws Exception {
            LineClient alice = clients.login("alice");
            LineClient refused = clients.connect();
            refused.await("! too many connections from your address");
            refused.awaitEnd();
            alice.send(":e");
            alice.awaitEnd();
            await().atMost(LineClient.TIMEOUT).until(() -> server.server().openConnections() == 0);
            clients.login("bob");
            LineClient carol = clients.connect();
            carol.await("! too many connections from your address");
        }
    }
}
