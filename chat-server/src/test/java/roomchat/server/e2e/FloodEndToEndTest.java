package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The default rate limit: 20 lines a second, bursts of 40, and a flood of 2 s disconnects. */
class FloodEndToEndTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> config.floodTimeout = Duration.ofSeconds(2));

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    @Test
    void aBurstPassesTheExcessIsDroppedAndTheSenderIsToldOnce() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient bob = clients.login("bob");
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            burst.append("line ").append(i).append('\n');
        }
        alice.sendRaw(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        alice.await("! slow down");

        // Once a command is answered again, every line of the burst has been judged.
        String answered = "! no room named nowhere (create it with :n nowhere)";
        long deadline = System.nanoTime() + LineClient.TIMEOUT.toNanos();
        String line = null;
        while (!answered.equals(line) && System.nanoTime() < deadline) {
            alice.send(":cr nowhere");
            for (line = alice.poll(Duration.ofMillis(200)); line != null && !answered.equals(line); ) {
                line = alice.poll(Duration.ofMillis(200));
            }
        }
        assertThat(line).isEqualTo(answered);
        alice.send("done");
        bob.await("[lobby] alice: done");

        long delivered = bob.passed().stream().filter(l -> l.startsWith("[lobby] alice: line ")).count();
        // The burst of 40 less the name line, plus what refilled at 20 a second meanwhile.
        assertThat(delivered).isBetween(39L, 60L);
    }

    @Test
    void aSustainedFloodIsDisconnectedAndTheOthersAreFine() throws Exception {
        LineClient flooder = clients.login("flooder");
        LineClient bob = clients.login("bob");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                flooder.send("spam");
            }
        } catch (IOException closedByServer) {
            // Expected: the server closed the connection while we were still sending.
        }
        flooder.await("! disconnected: flooding");
        flooder.awaitEnd();
        bob.await("[lobby] -- flooder has left");
        LineClient carol = clients.login("carol");
        carol.send("calm again");
        bob.await("[lobby] carol: calm again");
    }
}
