package roomchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import roomchat.redis.RedisProcess;

/**
 * Keeps the tool's cluster mode working: two nodes started by chat-server's start script on a
 * redis-server of their own, clients spread over both, a few hundred lines with nothing lost and every
 * sender's order kept, and every process's CPU read. It measures nothing (docs/performance.md).
 * Skipped where Debian's redis-server is not installed.
 */
class ClusterSmokeTest {

    private static final Path START_SCRIPT = Path.of("..", "chat-server", "bin", "roomchat-server");

    @Test
    void twoNodesOnRedisLoseNothingAndEveryProcessIsMeasured() throws Exception {
        assumeTrue(Files.isExecutable(RedisProcess.REDIS_SERVER), "needs " + RedisProcess.REDIS_SERVER);
        Topology topology = Topology.cluster(2);
        Workload workload = new Workload("cluster-smoke", 2, 6, 2, 100, 0, 8, 20, Duration.ofSeconds(60)).on(topology);
        try (ClientTransport transport = new ClientTransport(1);
             Servers servers = Servers.start(new ServerLauncher(START_SCRIPT, null), topology, Suite.SERVER_ARGS)) {
            assertThat(servers.addresses()).hasSize(2).doesNotHaveDuplicates();

            Result result = Suite.measure(workload, servers, transport);

            assertThat(result.workload()).isEqualTo("cluster-smoke [2 nodes + Redis]");
            assertThat(result.expected()).isEqualTo(2L * 2 * 100 * 5);
            assertThat(result.received()).isEqualTo(result.expected());
            assertThat(result.outOfOrder()).isZero();
            assertThat(result.nodes()).extracting(Result.Node::node).containsExactly("node0", "node1");
            // Six clients a room, round robin: each node delivers to three of every room's clients.
            assertThat(result.nodes()).allSatisfy(node -> {
                assertThat(node.deliveries()).isPositive();
                assertThat(node.rssKiB()).isPositive();
            });
            assertThat(result.nodes().stream().mapToLong(Result.Node::deliveries).sum()).isEqualTo(result.received());
            assertThat(result.redisCpuSeconds()).isNotNull().isNotNegative();
            assertThat(result.serverCpuSeconds()).isGreaterThanOrEqualTo(result.redisCpuSeconds());
        }
    }

    @Test
    void theComparisonTableGivesTheRatiosAgainstTheTargets() {
        Result single = result("steady", 1.0, 8.0, List.of(new Result.Node("node0", 1000, 0.008, 8.0, 100)), null);
        Result cluster = result("steady [3 nodes + Redis]", 2.5, 15.0, List.of(
                new Result.Node("node0", 333, 0.004, 12.0, 100), new Result.Node("node1", 333, 0.005, 15.0, 100),
                new Result.Node("node2", 334, 0.004, 12.0, 100)), 4.0);

        ClusterComparison.Comparison steady = ClusterComparison.Comparison.of("steady", single, cluster);
        ClusterComparison.Comparison fanOut = ClusterComparison.Comparison.of("fan-out", single, cluster);

        assertThat(steady.p99Ratio()).isEqualTo(2.5);
        assertThat(steady.p99TargetMet()).isFalse();
        assertThat(steady.nodeCpuRatio()).isEqualTo(15.0 / 8.0);
        assertThat(steady.nodeCpuTargetMet()).isFalse();
        assertThat(fanOut.p99TargetMet()).as("only steady's p99 has a target").isNull();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ClusterComparison.print(List.of(steady), Topology.cluster(3), 3, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String table = printed.toString(StandardCharsets.UTF_8);

        assertThat(table).contains("| steady | p99 (send to receipt; on the cluster mostly across nodes) | 1.00 ms | 2.50 ms"
                + " | 2.50 | ≤ 2.0: NOT met |");
        assertThat(table).contains("| steady | CPU per delivery, each node (per delivery it makes) | 8.000 µs"
                + " | 12.000 µs / 15.000 µs / 12.000 µs | 1.88 (busiest) | ≤ 1.5: NOT met |");
        assertThat(table).contains("| steady | CPU per delivery, Redis |  | 4.000 µs |");
    }

    private static Result result(String name, double p99, double micros, List<Result.Node> nodes, Double redisMicros) {
        return new Result(name, 1000, 1000, 0, 1, 1000, p99 / 2, p99, p99, p99, micros / 1000, micros / 1000, micros,
                100L, nodes, redisMicros == null ? null : redisMicros / 1000, redisMicros);
    }
}
