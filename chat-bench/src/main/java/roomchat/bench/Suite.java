package roomchat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The standard workloads, each run several times against a fresh server process started with the
 * rate limit off and the connection limits raised: fan-out, rooms, steady, and idle connections
 * held. Each load run first sends a long windowed warm-up, so that the measured phase finds the
 * server's JIT done compiling (a JVM server runs for days; its first seconds are not its cost).
 */
final class Suite {

    /** Server flags for measuring: no rate limit, room for many connections from loopback. */
    static final List<String> SERVER_ARGS = List.of("--rate", "0", "--max-connections", "100000",
            "--max-connections-per-ip", "100000");
    private static final Duration LIMIT = Duration.ofMinutes(3);
    /** Lines per sender sent as fast as the window allows before any measured phase. */
    private static final int WARMUP_LINES = 20_000;

    static List<Workload> loadWorkloads(double scale) {
        int lines = Math.max(10, (int) (2000 * scale));
        int warmup = (int) (WARMUP_LINES * scale);
        return List.of(
                new Workload("fan-out", 1, 50, 5, lines, 0, 64, warmup, LIMIT),
                new Workload("rooms", 10, 20, 2, lines, 0, 64, warmup, LIMIT),
                new Workload("steady", 1, 50, 5, Math.max(10, (int) (1000 * scale)), 100, 64, warmup, LIMIT));
    }

    static List<Integer> idleConnections(double scale) {
        return List.of(Math.max(10, (int) (5000 * scale)), Math.max(10, (int) (19000 * scale)));
    }

    private final ServerLauncher launcher;
    private final int clientThreads;
    private final int runs;

    Suite(ServerLauncher launcher, int clientThreads, int runs) {
        this.launcher = launcher;
        this.clientThreads = clientThreads;
        this.runs = runs;
    }

    /** Every run's result, then each workload's medians; the table is printed as they come. */
    List<Object> run(double scale, Duration idleHold) throws Exception {
        List<Object> results = new ArrayList<>();
        List<Result> loadMedians = new ArrayList<>();
        List<IdleRun.IdleResult> idleMedians = new ArrayList<>();
        try (ClientTransport transport = new ClientTransport(clientThreads)) {
            for (Workload workload : loadWorkloads(scale)) {
                List<Result> each = repeat(server -> new LoadRun(server.address(), workload, transport.group,
                        transport.channelType, server.probe()).run(), Report::print);
                results.addAll(each);
                loadMedians.add(Result.median(each));
            }
            for (int connections : idleConnections(scale)) {
                List<IdleRun.IdleResult> each = repeat(server -> new IdleRun(server.address(), transport.group,
                        transport.channelType, server).run(connections, idleHold), Report::print);
                results.addAll(each);
                idleMedians.add(IdleRun.IdleResult.median(each));
            }
        }
        System.out.println();
        loadMedians.forEach(Report::print);
        idleMedians.forEach(Report::print);
        results.addAll(loadMedians);
        results.addAll(idleMedians);
        return results;
    }

    /** One measurement against a server started for it. */
    private interface ServerRun<R> {
        R on(ServerProcess server) throws Exception;
    }

    private <R> List<R> repeat(ServerRun<R> measurement, Consumer<R> print) throws Exception {
        List<R> each = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (ServerProcess server = launcher.start(SERVER_ARGS)) {
                R result = measurement.on(server);
                print.accept(result);
                each.add(result);
            }
        }
        return each;
    }
}
