package roomchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.redis.RedisProcess;

/**
 * Keeps the tool's Redis reference working: the same load loop over Redis pub/sub on a real
 * redis-server, windowed in two rooms and at a fixed rate, with every line reaching every subscribed
 * member in each sender's order and Redis's CPU read. It measures nothing (docs/performance.md).
 * Skipped where Debian's redis-server is not installed.
 */
class RedisReferenceSmokeTest {

    /** The most a reply to one CONFIG GET may hold, for the persistence check. */
    private static final int REPLY_BYTES = 256;

    private final ClientTransport transport = new ClientTransport(2);

    @AfterEach
    void stop() {
        transport.close();
    }

    @Test
    void windowedPublishersInTwoRoomsReachEverySubscriberInOrder() throws Exception {
        assumeTrue(Files.isExecutable(RedisProcess.REDIS_SERVER), "needs " + RedisProcess.REDIS_SERVER);
        Workload workload = new Workload("smoke", 2, 6, 2, 100, 0, 8, 20, Duration.ofSeconds(60));

        Result result = ReferenceComparison.onRedis(workload, transport);

        assertThat(result.workload()).isEqualTo("smoke [Redis pub/sub]");
        // A publisher is a connection of its own: each line reaches all six members of its room.
        assertThat(result.expected()).isEqualTo(2L * 2 * 100 * 6);
        assertThat(result.received()).isEqualTo(result.expected());
        assertThat(result.outOfOrder()).isZero();
        assertThat(result.p99Ms()).isPositive();
        assertThat(result.serverCpuSeconds()).isNotNull().isNotNegative();
        assertThat(result.serverRssKiB()).isPositive();
    }

    @Test
    void fixedRatePublishersLoseNothing() throws Exception {
        assumeTrue(Files.isExecutable(RedisProcess.REDIS_SERVER), "needs " + RedisProcess.REDIS_SERVER);
        Workload workload = new Workload("smoke-rate", 1, 4, 2, 20, 200, 8, 0, Duration.ofSeconds(60));

        Result result = ReferenceComparison.onRedis(workload, transport);

        assertThat(result.clean()).isTrue();
        assertThat(result.received()).isEqualTo(2L * 20 * 4);
    }

    @Test
    void theReferenceRedisKeepsNothingOnDisk() throws IOException {
        assumeTrue(Files.isExecutable(RedisProcess.REDIS_SERVER), "needs " + RedisProcess.REDIS_SERVER);
        try (RedisProcess redis = RedisProcess.launchWithoutPersistence()) {
            assertThat(configGet(redis.port(), "appendonly")).contains("no");
            assertThat(configGet(redis.port(), "save")).doesNotContain("3600");
        }
    }

    @Test
    void theTableGivesEachFigureWithItsRatioToRedis() {
        Result server = result("steady", 3.0, 0.5);
        Result redis = result("steady [Redis pub/sub]", 1.5, 0.25);

        ReferenceComparison.Comparison steady = ReferenceComparison.Comparison.of("steady", server, redis);

        assertThat(steady.cpuRatio()).isEqualTo(2.0);
        assertThat(steady.p99Ratio()).isEqualTo(2.0);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ReferenceComparison.print(List.of(steady), List.of(), "roomchat", 3, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("| workload | figure | roomchat | Redis pub/sub | roomchat / Redis |");
        assertThat(table).contains("| steady | server CPU per delivery | 0.500 µs | 0.250 µs | 2.00 |");
        assertThat(table).contains("| steady | p99 (send to receipt) | 3.00 ms | 1.50 ms | 2.00 |");
    }

    @Test
    void aRedisCpuTooSmallForProcsClockGivesNoRatio() {
        ReferenceComparison.Comparison tiny = ReferenceComparison.Comparison.of("fan-out", result("fan-out", 3.0, 0.5),
                result("fan-out [Redis pub/sub]", 1.5, 0.0));

        assertThat(tiny.cpuRatio()).isNull();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ReferenceComparison.print(List.of(tiny), List.of(), "roomchat", 1, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("| fan-out | server CPU per delivery | 0.500 µs | 0.000 µs | n/a |");
    }

    private static Result result(String name, double p99, double micros) {
        return new Result(name, 1000, 1000, 0, 1, 1000, p99 / 2, p99, p99, p99, micros / 1000, micros / 1000, micros,
                100L, List.of(), null, null);
    }

    /** CONFIG GET over a plain socket: the reply's text. */
    private static String configGet(int port, String parameter) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
            socket.getOutputStream().write(("CONFIG GET " + parameter + "\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[REPLY_BYTES];
            int read = in.read(reply);
            return new String(reply, 0, Math.max(read, 0), StandardCharsets.US_ASCII);
        }
    }
}
