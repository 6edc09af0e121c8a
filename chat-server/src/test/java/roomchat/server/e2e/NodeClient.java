package roomchat.server.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js gRPC client of {@code src/test/node} as a child process: Debian's {@code node} and
 * {@code npm}, with {@code @grpc/grpc-js} and {@code @grpc/proto-loader} from the npm registry at the
 * versions of the committed package-lock.json. CI installs Node.js (see .ci/run); elsewhere a test
 * using it is skipped without it, as the browser test is without Chromium.
 *
 * <p>Threads: the child's output (stdout and stderr merged) is read on a daemon thread of its own into
 * a queue; the test's thread waits on the queue and on the process.
 */
final class NodeClient implements AutoCloseable {

    private static final Path NODE = Path.of("/usr/bin/node");
    private static final Path NPM = Path.of("/usr/bin/npm");
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path PROTO_ROOT = Path.of("src", "main", "proto");
    /** Where the script and its node_modules go: under target/, installed once per build. */
    private static final Path INSTALLED = Path.of("target", "node-client");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "grpc-client.js");
    /** A cold npm cache downloads about 40 small packages; a warm one takes seconds. */
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
    /** Stands for the end of the child's output in the queue; compared by identity. */
    private static final String END = new String("<end of output>");

    private final Process process;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private NodeClient(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "node-client-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Skips the calling test without Node.js, except under CI, which must have installed it. */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(NODE) && Files.isExecutable(NPM);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must install nodejs and npm (see .ci/run)");
        }
        Assumptions.assumeTrue(installed, "nodejs and npm are not installed");
    }

    /**
     * Starts {@code grpc-client.js} against {@code server}, claiming {@code name}, after installing its
     * packages into target/node-client unless the same package-lock.json is installed there already.
     */
    static NodeClient start(InetSocketAddress server, String name) throws IOException, InterruptedException {
        return start(server, name, List.of());
    }

    /** As {@link #start(InetSocketAddress, String)}, the script moving to {@code room} with a typed ChangeRoom once named. */
    static NodeClient startInRoom(InetSocketAddress server, String name, String room) throws IOException, InterruptedException {
        return start(server, name, List.of(room));
    }

    private static NodeClient start(InetSocketAddress server, String name, List<String> more)
            throws IOException, InterruptedException {
        install();
        List<String> command = new ArrayList<>(List.of(NODE.toString(), INSTALLED.resolve("grpc-client.js").toString(),
                PROTO_ROOT.toString(), server.getHostString() + ":" + server.getPort(), name));
        command.addAll(more);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new NodeClient(process);
    }

    private static synchronized void install() throws IOException, InterruptedException {
        Files.createDirectories(INSTALLED);
        Path lock = SOURCE.resolve("package-lock.json");
        Path installedLock = INSTALLED.resolve("node_modules").resolve(".package-lock.json.installed");
        boolean current = Files.exists(installedLock) && Files.mismatch(lock, installedLock) == -1L;
        for (String file : FILES) {
            Files.copy(SOURCE.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (current) {
            return;
        }
        // npm ci installs exactly the lock file; --prefer-offline takes what the cache has without asking
        // the registry; no install scripts are run (protobufjs's only checks its own version).
        Path log = INSTALLED.resolve("npm-ci.log");
        Process npm = new ProcessBuilder(NPM.toString(), "ci", "--prefer-offline", "--ignore-scripts",
                "--no-audit", "--no-fund")
                .directory(INSTALLED.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci took over " + INSTALL_TIMEOUT + "; see " + log);
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed (" + npm.exitValue() + "): "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        Files.copy(lock, installedLock, StandardCopyOption.REPLACE_EXISTING);
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("<output unreadable: " + e + ">");
        } finally {
            output.add(END);
        }
    }

    /** Waits for the line {@code expected} on the child's output, failing with all it printed. */
    void await(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + LineClient.TIMEOUT.toNanos();
        while (true) {
            String line = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null || line == END) {
                throw new AssertionError("node printed no \"" + expected + "\""
                        + (line == END ? " before its output ended" : " within " + LineClient.TIMEOUT)
                        + "; it printed " + seen);
            }
            seen.add(line);
            if (line.equals(expected)) {
                return;
            }
        }
    }

    /** Waits for the child to exit and returns its exit code, failing if it takes longer than the timeout. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(LineClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("node did not exit within " + LineClient.TIMEOUT + "; it printed " + printed());
        }
        return process.exitValue();
    }

    /** Everything the child printed so far (what the test has already read, then what is queued). */
    List<String> printed() {
        List<String> all = new ArrayList<>(seen);
        output.stream().filter(line -> line != END).forEach(all::add);
        return all;
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(LineClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
