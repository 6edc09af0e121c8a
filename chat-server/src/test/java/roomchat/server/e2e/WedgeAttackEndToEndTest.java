package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import roomchat.server.ServerConfig;

/**
 * The attack that once halted the whole server, against a real process with a small machine's heap:
 * rooms with long topics, then many connections from one address that each send a name and forty
 * {@code :rooms} in one packet and never read. The others keep chatting, the memory the server holds
 * for output stays bounded, and SIGTERM still stops it with exit code 0.
 */
class WedgeAttackEndToEndTest {

    private static final Pattern PENDING = Pattern.compile("(?m)^roomchat_pending_output_bytes (\\d+)$");
    private static final int TOPIC_ROOMS = 50;
    private static final int ATTACKERS = 47;
    private static final int LISTINGS_EACH = 40;
    private static final int LINES = 100;

    private final Clients clients = new Clients(null);
    private ChildServer child;

    @AfterEach
    void stop() throws IOException {
        clients.close();
        if (child != null) {
            child.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void listingsNobodyReadsCannotWedgeTheServer() throws Exception {
        // The jar's manifest opens java.nio to Netty; from a class path the flag does it.
        child = ChildServer.start(List.of("-Xmx128m", "--add-opens", "java.base/java.nio=ALL-UNNAMED"), true,
                "--rate", "0", "--max-connections-per-ip", "200");
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", child.port());

        OutputBoundsEndToEndTest.createRoomsWithLongTopics(clients, address, TOPIC_ROOMS);
        for (int i = 0; i < ATTACKERS; i++) {
            LineClient attacker = clients.keep(LineClient.connectPaused(address, 4096));
            attacker.sendRaw(OutputBoundsEndToEndTest.nameAndListings("m" + i, LISTINGS_EACH));
        }

        LineClient alice = clients.keep(LineClient.login(address, "alice"));
        LineClient bob = clients.keep(LineClient.login(address, "bob"));
        for (int i = 0; i < LINES; i++) {
            bob.send("line " + i);
        }
        for (int i = 0; i < LINES; i++) {
            alice.await("[lobby] bob: line " + i);
        }
        long bound = ATTACKERS * (long) (ServerConfig.DEFAULT_MAX_PENDING_OUTPUT_BYTES + 16 * 1024);
        assertThat(pendingOutput(child.httpPort())).isLessThanOrEqualTo(bound);

        Process process = child.process();
        process.destroy();
        alice.await("* server shutting down");
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("exited within 15 s of SIGTERM").isTrue();
        assertThat(process.exitValue()).isZero();
    }

    private static long pendingOutput(int httpPort) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher pending = PENDING.matcher(metrics.body());
        assertThat(pending.find()).as("/metrics shows pending output").isTrue();
        return Long.parseLong(pending.group(1));
    }
}
