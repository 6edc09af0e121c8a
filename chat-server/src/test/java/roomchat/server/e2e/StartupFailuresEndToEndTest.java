package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import roomchat.server.ChatServer;
import roomchat.server.Main;
import roomchat.server.ServerConfig;
import roomchat.server.StartupException;

/**
 * What an operator sees when the server can't start: one line naming the flag or the port, exit
 * status 2 for a bad flag and 1 for a failed start, and no stack trace. Each case runs {@link Main}
 * in a JVM of its own, as the start script does.
 */
class StartupFailuresEndToEndTest {

    private static final int USAGE = 2;
    private static final int FAILED_START = 1;
    private static final long EXIT_TIMEOUT_SECONDS = 30;

    private static SelfSignedCertificate certificate;

    @TempDir
    Path dir;

    @BeforeAll
    static void newCertificate() throws Exception {
        certificate = new SelfSignedCertificate("localhost");
    }

    @AfterAll
    static void deleteCertificate() {
        certificate.delete();
    }

    /** How the child ended: its exit status and everything it printed, stdout and stderr together. */
    private record Outcome(int status, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private Outcome run(String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
                Main.class.getName()));
        command.addAll(List.of(flags));
        Path output = Files.createTempFile(dir, "main", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .as("exited within %d s; printed: %s", EXIT_TIMEOUT_SECONDS, Files.readString(output)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static void assertOneLine(Outcome outcome, int status, String line) {
        assertThat(outcome.lines()).as("printed").containsExactly(line);
        assertThat(outcome.output()).doesNotContain("Exception", "\tat ");
        assertThat(outcome.status()).as("exit status; printed: %s", outcome.output()).isEqualTo(status);
    }

    @Test
    void aNegativePortIsABadFlag() throws Exception {
        assertOneLine(run("--port", "-1", "--http-port", "0"), USAGE, "roomchat: --port must be 0-65535");
    }

    @Test
    void aPortOver65535IsABadFlag() throws Exception {
        assertOneLine(run("--port", "70000", "--http-port", "0"), USAGE, "roomchat: --port must be 0-65535");
    }

    @Test
    void aDefaultRoomThatIsNoRoomNameIsABadFlag() throws Exception {
        Outcome outcome = run("--default-room", "bad name", "--port", "0", "--http-port", "0");
        assertThat(outcome.lines()).hasSize(1);
        assertOneLine(outcome, USAGE, outcome.lines().get(0));
        assertThat(outcome.lines().get(0)).startsWith("roomchat: --default-room must be ");
    }

    @Test
    void aServerValidatesItsConfigurationBeforeMakingItsRooms() {
        ServerConfig config = ServerConfig.defaults();
        config.defaultRoom = "bad name";
        assertThatThrownBy(() -> new ChatServer(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--default-room must be ");
    }

    @Test
    void aMaxLineOfZeroIsABadFlag() throws Exception {
        assertOneLine(run("--max-line", "0", "--port", "0", "--http-port", "0"), USAGE,
                "roomchat: --max-line must be at least 1");
    }

    @Test
    void aMissingTlsFileFailsTheStartNamingItsFlag() throws Exception {
        Path missing = dir.resolve("missing-cert.pem");
        assertOneLine(run("--tls-cert", missing.toString(), "--tls-key", certificate.privateKey().getPath(),
                        "--tls-port", "0", "--port", "0", "--http-port", "0", "--host", "127.0.0.1"),
                FAILED_START, "roomchat: --tls-cert " + missing + ": no such file");
    }

    @Test
    void aTlsKeyThatIsNotPemFailsTheStartNamingItsFlag() throws Exception {
        Path notPem = Files.writeString(dir.resolve("key.txt"), "not a key\n");
        assertOneLine(run("--tls-cert", certificate.certificate().getPath(), "--tls-key", notPem.toString(),
                        "--tls-port", "0", "--port", "0", "--http-port", "0", "--host", "127.0.0.1"),
                FAILED_START, "roomchat: --tls-key " + notPem + ": not a PEM private key (PKCS#8)");
    }

    @Test
    void aTlsCertificateThatIsNotPemFailsTheStartNamingItsFlag() throws Exception {
        Path notPem = Files.writeString(dir.resolve("cert.txt"), "not a certificate\n");
        assertOneLine(run("--tls-cert", notPem.toString(), "--tls-key", certificate.privateKey().getPath(),
                        "--tls-port", "0", "--port", "0", "--http-port", "0", "--host", "127.0.0.1"),
                FAILED_START, "roomchat: --tls-cert " + notPem + ": not a PEM certificate chain");
    }

    @Test
    void aTcpPortInUseFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertOneLine(run("--host", "127.0.0.1", "--port", "" + port, "--http-port", "0"), FAILED_START,
                    "roomchat: tcp port " + port + " on 127.0.0.1 is in use");
        }
    }

    @Test
    void anHttpPortInUseFailsTheStartAfterTheTcpListenerStarted() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertOneLine(run("--host", "127.0.0.1", "--port", "0", "--http-port", "" + port), FAILED_START,
                    "roomchat: http port " + port + " on 127.0.0.1 is in use");
        }
    }

    @Test
    void aFailedStartReleasesThePortsItHadBound() throws Exception {
        int tcpPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            tcpPort = free.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ServerConfig config = ServerConfig.defaults();
            config.host = "127.0.0.1";
            config.port = tcpPort;
            config.httpPort = taken.getLocalPort();
            ChatServer server = new ChatServer(config);
            assertThatThrownBy(server::start).isInstanceOf(StartupException.class)
                    .hasMessage("http port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
        // The TCP listener had been bound before the HTTP one failed; it must be closed again.
        try (ServerSocket again = new ServerSocket(tcpPort, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(tcpPort);
        }
    }

    @Test
    void aTlsPortInUseFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertOneLine(run("--host", "127.0.0.1", "--port", "0", "--http-port", "0",
                            "--tls-cert", certificate.certificate().getPath(), "--tls-key", certificate.privateKey().getPath(),
                            "--tls-port", "" + port),
                    FAILED_START, "roomchat: tls port " + port + " on 127.0.0.1 is in use");
        }
    }

    /** The flags of a server that would start, with its history in {@code file}. */
    private static String[] withHistoryDb(Path file) {
        return new String[] {"--host", "127.0.0.1", "--port", "0", "--http-port", "0", "--grpc-port", "0",
                "--history-db", file.toString()};
    }

    @Test
    void aHistoryDbThatCanNotBeCreatedFailsTheStart() throws Exception {
        // Under a file, not a directory: no user can create it there, root included (which ignores permissions).
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = notADirectory.resolve("history.db");
        assertOneLine(run(withHistoryDb(file)), FAILED_START, "roomchat: --history-db " + file
                + ": can't be opened or created (does its directory exist, and may the server write there?)");
    }

    @Test
    void aHistoryDbThatIsNotADatabaseFailsTheStart() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.db"), "not a database at all, ".repeat(100));
        assertOneLine(run(withHistoryDb(garbage)), FAILED_START,
                "roomchat: --history-db " + garbage + ": is not a roomchat history database (not an SQLite file)");
    }

    @Test
    void aHistoryDbAnotherServerHoldsFailsTheStart() throws Exception {
        Path file = dir.resolve("history.db");
        try (ChildServer holder = ChildServer.start(List.of(), false, "--history-db", file.toString())) {
            assertOneLine(run(withHistoryDb(file)), FAILED_START,
                    "roomchat: --history-db " + file + ": is locked by another process (is another server using it?)");
            assertThat(holder.process().isAlive()).isTrue();
        }
    }

    @Test
    void aHistoryDbIsABadFlagInACluster() throws Exception {
        assertOneLine(run("--port", "0", "--http-port", "0", "--history-db", dir.resolve("h.db").toString(),
                        "--redis", "redis://127.0.0.1:1"), USAGE,
                "roomchat: --history-db can't be used with --redis: a cluster's rooms keep their history in Redis");
    }
}
