package roomchat.server.e2e;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Silent connections are closed: quickly before a name is chosen, after the idle timeout once named. */
class TimeoutsEndToEndTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        config.nameTimeout = Duration.ofMillis(800);
        config.idleTimeout = Duration.ofMillis(1500);
    });

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    @Test
    void aConnectionWithoutANameIsClosedAfterTheNameTimeout() throws Exception {
        LineClient silent = clients.connect();
        silent.await(LineClient.PROMPT);
        silent.await("* disconnected: no name chosen in 800ms");
        silent.awaitEnd();
    }

    /** Waits for a line while sending a harmless command now and then, so that the waiter itself is never idle. */
    private static void awaitWhileActive(LineClient client, String expected) throws Exception {
        long deadline = System.nanoTime() + LineClient.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            client.send(":cr lobby");
            for (String line = client.poll(Duration.ofMillis(300)); line != null; line = client.poll(Duration.ofMillis(300))) {
                if (line.equals(expected)) {
                    return;
                }
            }
        }
        throw new AssertionError("no " + expected);
    }

    @Test
    void anIdleMemberIsClosedAndItsRoomTold() throws Exception {
        LineClient idle = clients.login("idle");
        LineClient watcher = clients.connect();
        watcher.await(LineClient.PROMPT);
        watcher.send("watcher");
        idle.await("* disconnected: idle for 1500ms");
        idle.awaitEnd();
        awaitWhileActive(watcher, "* idle has left lobby");
        // The name is free again.
        LineClient again = clients.connect();
        again.await(LineClient.PROMPT);
        again.send("idle");
        again.await(line -> line.startsWith("* you are in lobby"), "the welcome");
    }
}
