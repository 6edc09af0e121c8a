package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import roomchat.server.Main;
import roomchat.server.ServerConfig;

/**
 * The attack that once halted the whole server, against a real process with a small machine's heap:
 * rooms with long topics, then many connections from one address that each send a name and forty
 * {@code :rooms} in one packet and never read. The others keep chatting, the memory the server holds
 * for output stays bounded, and SIGTERM still stops it with exit code 0.
 */
class WedgeAttackEndToEndTest {

    private static final Pattern LISTENING = Pattern.compile("roomchat listening on /127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern SERVING = Pattern.compile("serving the web page on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern PENDING = Pattern.compile("(?m)^roomchat_pending_output_bytes (\\d+)$");
    private static final int TOPIC_ROOMS = 50;
    private static final int ATTACKERS = 47;
    private static final int LISTINGS_EACH = 40;
    private static final int LINES = 100;

    private final Clients clients = new Clients(null);
    private Process process;

    @AfterEach
    void stop() throws IOException {
        clients.close();
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void listingsNobodyReadsCannotWedgeTheServer() throws Exception {
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
                Main.class.getName(), "--host", "127.0.0.1", "--port", "0", "--http-port", "-1",
                "--rate", "0", "--max-connections-per-ip", "200")
                .redirectErrorStream(true)
                .start();
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", awaitPort(log, LISTENING));
        int metricsPort = awaitPort(log, SERVING);
        drain(log);

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
        assertThat(pendingOutput(metricsPort)).isLessThanOrEqualTo(bound);

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

    private static int awaitPort(BufferedReader log, Pattern said) throws IOException {
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            Matcher m = said.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the server ended without saying " + said);
    }

    /** Reads the rest of the server's log, so that it never waits on a full pipe. */
    private static void drain(BufferedReader log) {
        Thread reader = new Thread(() -> {
            try {
                while (log.readLine() != null) {
                    // discarded
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "server-log");
        reader.setDaemon(true);
        reader.start();
    }
}
