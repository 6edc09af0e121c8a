package roomchat.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard workloads, each against a fresh server process started with the rate limit off and
 * the connection limits raised: fan-out, rooms, steady, and idle connections held.
 */
final class Suite {

    /** Server flags for measuring: no rate limit, room for many connections from loopback. */
    static final List<String> SERVER_ARGS = List.of("--rate", "0", "--max-connections", "100000",
            "--max-connections-per-ip", "100000");
    private static final Duration LIMIT = Duration.ofMinutes(3);

    static List<Workload> loadWorkloads(double scale) {
        int lines = Math.max(10, (int) (2000 * scale));
        return List.of(
                new Workload("fan-out", 1, 50, 5, lines, 0, 64, lines / 4, LIMIT),
                new Workload("rooms", 10, 20, 2, lines, 0, 64, lines / 4, LIMIT),
                new Workload("steady", 1, 50, 5, Math.max(10, (int) (1000 * scale)), 100, 64, lines / 4, LIMIT));
    }

    static List<Integer> idleConnections(double scale) {
        return List.of(Math.max(10, (int) (5000 * scale)), Math.max(10, (int) (19000 * scale)));
    }

    private final Path serverJar;
    private final List<String> jvmArgs;
    private final int clientThreads;

    Suite(Path serverJar, List<String> jvmArgs, int clientThreads) {
        this.serverJar = serverJar;
        this.jvmArgs = jvmArgs;
        this.clientThreads = clientThreads;
    }

    List<Object> run(double scale, Duration idleHold) throws Exception {
        List<Object> results = new ArrayList<>();
        try (ClientTransport transport = new ClientTransport(clientThreads)) {
            for (Workload workload : loadWorkloads(scale)) {
                try (ServerProcess server = ServerProcess.start(serverJar, jvmArgs, SERVER_ARGS)) {
                    Result result = new LoadRun(server.address(), workload, transport.group, transport.channelType,
                            server.probe()).run();
                    Report.print(result);
                    results.add(result);
                }
            }
            for (int connections : idleConnections(scale)) {
                try (ServerProcess server = ServerProcess.start(serverJar, jvmArgs, SERVER_ARGS)) {
                    IdleRun.IdleResult result = new IdleRun(server.address(), transport.group, transport.channelType,
                            server).run(connections, idleHold);
                    Report.print(result);
                    results.add(result);
                }
            }
        }
        return results;
    }
}
