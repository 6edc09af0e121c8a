package roomchat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The standard workloads, each run several times against a fresh server process (or a fresh cluster:
 * its nodes and their own Redis) started with the rate limit off and the connection limits raised:
 * fan-out, rooms, steady, and idle connections held (on one node only). Each load run first sends a
 * long windowed warm-up, so that the measured phase finds the servers' JIT done compiling (a JVM
 * server runs for days; its first seconds are not its cost). With the Redis reference on, each load
 * run on the server, and each idle run, is followed by the same workload on a fresh Redis pub/sub
 * ({@link ReferenceComparison}), and a side-by-side table with the ratios ends the output.
 */
final class Suite {

    /** Server flags for measuring: no rate limit, room for many connections from loopback. */
    static final List<String> SERVER_ARGS = List.of("--rate", "0", "--max-connections", "100000",
            "--max-connections-per-ip", "100000");
    private static final Duration LIMIT = Duration.ofMinutes(3);
    /** Lines per sender sent as fast as the window allows before any measured phase. */
    private static final int WARMUP_LINES = 20_000;

    static List<Workload> loadWorkloads(double scale) {
        return List.of(fanOut(scale), fanOutCold(scale), rooms(scale), steady(scale), steadyStaggered(scale));
    }

    /** Ten rooms of 20, two senders each, as fast as their windows allow. */
    static Workload rooms(double scale) {
        return new Workload("rooms", 10, 20, 2, windowedLines(scale), 0, 64, warmup(scale), LIMIT);
    }

    /** One room of 50, five senders as fast as their windows allow. */
    static Workload fanOut(double scale) {
        return new Workload("fan-out", 1, 50, 5, windowedLines(scale), 0, 64, warmup(scale), LIMIT);
    }

    /**
     * The fan-out on a fresh process with no warm-up: its first deliveries (500,000 at scale 1) are
     * what a server just started costs, JIT compiling included (issue 13 asks for it within 2.5 times the warm one).
     */
    static Workload fanOutCold(double scale) {
        return new Workload("fan-out cold", 1, 50, 5, windowedLines(scale), 0, 64, 0, LIMIT);
    }

    /** One room of 50, five senders at 100 lines/s each, all five senders' clocks starting together (issue 13). */
    static Workload steady(double scale) {
        return new Workload("steady", 1, 50, 5, steadyLines(scale), 100, 64, warmup(scale), LIMIT, Workload.Start.TOGETHER);
    }

    /** Steady with the senders taking turns through each period: the shape of the figures recorded before issue 13. */
    static Workload steadyStaggered(double scale) {
        return new Workload("steady staggered", 1, 50, 5, steadyLines(scale), 100, 64, warmup(scale), LIMIT,
                Workload.Start.STAGGERED);
    }

    private static int steadyLines(double scale) {
        return Math.max(10, (int) (1000 * scale));
    }

    private static int windowedLines(double scale) {
        return Math.max(10, (int) (2000 * scale));
    }

    private static int warmup(double scale) {
        return (int) (WARMUP_LINES * scale);
    }

    static List<Integer> idleConnections(double scale) {
        return List.of(Math.max(10, (int) (5000 * scale)), Math.max(10, (int) (19000 * scale)));
    }

    private final ServerLauncher launcher;
    private final Topology topology;
    private final int clientThreads;
    private final int runs;
    private final boolean redisReference;

    /** The suite; with {@code redisReference}, each load workload also runs on Redis pub/sub, taking turns. */
    Suite(ServerLauncher launcher, Topology topology, int clientThreads, int runs, boolean redisReference) {
        this.launcher = launcher;
        this.topology = topology;
        this.clientThreads = clientThreads;
        this.runs = runs;
        this.redisReference = redisReference;
    }

    /** Every run's result, then each workload's medians; the table is printed as they come. */
    List<Object> run(double scale, Duration idleHold) throws Exception {
        List<Object> results = new ArrayList<>();
        List<Result> loadMedians = new ArrayList<>();
        List<IdleRun.IdleResult> idleMedians = new ArrayList<>();
        List<ReferenceComparison.Comparison> comparisons = new ArrayList<>();
        List<ReferenceComparison.IdleComparison> idleComparisons = new ArrayList<>();
        try (ClientTransport transport = new ClientTransport(clientThreads)) {
            for (Workload workload : loadWorkloads(scale)) {
                Workload named = workload.on(topology);
                List<Result> each = new ArrayList<>();
                List<Result> onRedis = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    each.add(once(servers -> measure(named, servers, transport), Report::print));
                    if (redisReference) {
                        Result reference = ReferenceComparison.onRedis(workload, transport);
                        Report.print(reference);
                        onRedis.add(reference);
                    }
                }
                results.addAll(each);
                results.addAll(onRedis);
                Result median = Result.median(each);
                loadMedians.add(median);
                if (redisReference) {
                    Result redisMedian = Result.median(onRedis);
                    loadMedians.add(redisMedian);
                    comparisons.add(ReferenceComparison.Comparison.of(named.name(), median, redisMedian));
                }
            }
            // Memory per idle connection is a node's figure: measured on one node (clustered with --cluster).
            List<Integer> idle = topology.nodes() == 1 ? idleConnections(scale) : List.of();
            if (idle.isEmpty()) {
                System.out.println("idle workloads skipped: they measure one node"
                        + " (--nodes 1, with --cluster for a clustered one)");
            }
            for (int connections : idle) {
                List<IdleRun.IdleResult> each = new ArrayList<>();
                List<IdleRun.IdleResult> onRedis = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    each.add(once(servers -> new IdleRun(servers.node(0).address(), transport.group,
                            transport.channelType, servers.node(0)).run(connections, idleHold), Report::print));
                    if (redisReference) {
                        IdleRun.IdleResult reference = ReferenceComparison.idleOnRedis(connections, idleHold, transport);
                        Report.print(reference);
                        onRedis.add(reference);
                    }
                }
                results.addAll(each);
                results.addAll(onRedis);
                IdleRun.IdleResult median = IdleRun.IdleResult.median(each);
                idleMedians.add(median);
                if (redisReference) {
                    IdleRun.IdleResult redisMedian = IdleRun.IdleResult.median(onRedis);
                    idleMedians.add(redisMedian);
                    idleComparisons.add(ReferenceComparison.IdleComparison.of("idle " + connections, median, redisMedian));
                }
            }
        }
        System.out.println();
        loadMedians.forEach(Report::print);
        idleMedians.forEach(Report::print);
        results.addAll(loadMedians);
        results.addAll(idleMedians);
        if (redisReference) {
            System.out.println();
            ReferenceComparison.print(comparisons, idleComparisons, "roomchat", runs, System.out);
            results.addAll(comparisons);
            results.addAll(idleComparisons);
        }
        return results;
    }

    /** One load run against {@code servers}, measuring every node and Redis. */
    static Result measure(Workload workload, Servers servers, ClientTransport transport) throws Exception {
        return new LoadRun(servers.addresses(), workload, transport.group, transport.channelType, servers.probes()).run();
    }

    /** As {@link #measure(Workload, Servers, ClientTransport)}, the listeners coming through {@code doors}. */
    static Result measure(Workload workload, Servers servers, ClientTransport transport, ReceiverDoors doors)
            throws Exception {
        return new LoadRun(servers.addresses(), workload, transport.group, transport.channelType, servers.probes(),
                doors).run();
    }

    /** One measurement against servers started for it. */
    private interface ServerRun<R> {
        R on(Servers servers) throws Exception;
    }

    /** One measurement on servers started for it and stopped after it. */
    private <R> R once(ServerRun<R> measurement, Consumer<R> print) throws Exception {
        try (Servers servers = Servers.start(launcher, topology, SERVER_ARGS)) {
            R result = measurement.on(servers);
            print.accept(result);
            return result;
        }
    }
}
