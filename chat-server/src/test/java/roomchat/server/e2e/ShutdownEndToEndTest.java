package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.Main;

/** Stopping the server tells everyone, sends what is pending, closes, and exits 0. */
class ShutdownEndToEndTest {

    private static final Pattern LISTENING = Pattern.compile("roomchat listening on /127\\.0\\.0\\.1:(\\d+) ");

    @RegisterExtension
    final RunningServer server = new RunningServer();

    private final Clients clients = new Clients(server);
    private Process process;

    @AfterEach
    void stop() throws IOException {
        clients.close();
        if (process != null) {
            process.destroyForcibly();
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
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
                Main.class.getName(), "--host", "127.0.0.1", "--port", "0", "--http-port", "0")
                .redirectErrorStream(true)
                .start();
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int port = awaitPort(log);
        LineClient alice = clients.keep(LineClient.login(new InetSocketAddress("127.0.0.1", port), "alice"));

        process.destroy();
        alice.await("* server shutting down");
        alice.awaitEnd();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s").isTrue();
        assertThat(process.exitValue()).isZero();
    }

    private static int awaitPort(BufferedReader log) throws IOException {
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the server ended without saying where it listens");
    }
}
