package roomchat.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A Redis server run as a child process of this JVM, for tests and the benchmark: Debian's
 * {@code redis-server} on a free loopback port, its data in a temporary directory. Snapshots are
 * off and, from {@link #launch}, the append-only file is on (fsync every second), so {@link #stop}
 * then {@link #start} on the same port and directory keeps the data, while {@link #kill} may lose the
 * last second. {@link #launchWithoutPersistence} keeps nothing on disk: the benchmark's reference,
 * where Redis is measured as a pub/sub server and writing a file would only add to its cost.
 *
 * <p>Not thread-safe: one thread (a test's) starts and stops it.
 */
public final class RedisProcess implements AutoCloseable {

    /** Where Debian's {@code redis-server} package puts the server. */
    public static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
    /** How long the server may take to answer PING after it was started. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** How long a graceful stop may take before the process is killed. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How long one PING attempt may wait for its answer while starting. */
    private static final int PING_TIMEOUT_MILLIS = 500;
    /** The pause between PING attempts while the server starts. */
    private static final long PING_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final String LOG_FILE = "redis.log";

    private final Path dir;
    private final int port;
    private final boolean persistent;
    private Process process;

    private RedisProcess(Path dir, int port, boolean persistent) {
        this.dir = dir;
        this.port = port;
        this.persistent = persistent;
    }

    /**
     * Starts a server on a free loopback port with a new temporary directory, and returns once it
     * answers PING.
     *
     * @throws IllegalStateException if {@code redis-server} is not installed or does not come up
     */
    public static RedisProcess launch() {
        return launch(true);
    }

    /**
     * Starts a server as {@link #launch} does, but with persistence off (no snapshots, no append-only
     * file): its data lives only as long as the process.
     *
     * @throws IllegalStateException if {@code redis-server} is not installed or does not come up
     */
    public static RedisProcess launchWithoutPersistence() {
        return launch(false);
    }

    private static RedisProcess launch(boolean persistent) {
        if (!Files.isExecutable(REDIS_SERVER)) {
            throw new IllegalStateException(REDIS_SERVER + " is missing: install Debian's redis-server package"
                    + " (apt-get install redis-server)");
        }
        try {
            RedisProcess redis = new RedisProcess(Files.createTempDirectory("roomchat-redis"), freePort(), persistent);
            redis.start();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("can't prepare a directory or port for redis-server", e);
        }
    }

    /** Starts the server again, on the same port and directory, and returns once it answers PING. */
    public void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server is already running (pid " + process.pid() + ")");
        }
        List<String> command = List.of(REDIS_SERVER.toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--dir", dir.toString(),
                "--save", "",
                "--appendonly", persistent ? "yes" : "no",
                "--appendfsync", "everysec",
                "--daemonize", "no",
                "--logfile", LOG_FILE);
        try {
            process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("can't run " + REDIS_SERVER, e);
        }
        awaitPong();
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    /** Where clients connect: {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The server process's id; only while it runs. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("redis-server was never started");
        }
        return process.pid();
    }

    /** Whether the server process is running. */
    public boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * Stops the server gracefully (SIGTERM: Redis writes out its append-only file and exits) and
     * waits for it to exit; kills it if it takes longer than {@link #STOP_TIMEOUT}.
     */
    public void stop() {
        if (!running()) {
            return;
        }
        process.destroy();
        if (!awaitExit(STOP_TIMEOUT)) {
            kill();
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would, and waits for it to exit. */
    public void kill() {
        if (!running()) {
            return;
        }
        process.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("can't delete " + dir, e);
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server to exit", e);
        }
    }

    /** Polls with PING until the server answers PONG, it dies, or {@link #START_TIMEOUT} passes. */
    private void awaitPong() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + logFile());
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("redis-server did not answer PING within " + START_TIMEOUT + "; see " + logFile());
            }
            LockSupport.parkNanos(PING_RETRY_NANOS);
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), PING_TIMEOUT_MILLIS);
            socket.setSoTimeout(PING_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = in.readNBytes(answer, 0, answer.length);
            // "-LOADING …" while it reads its append-only file: not ready yet.
            return new String(answer, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    private Path logFile() {
        return dir.resolve(LOG_FILE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
