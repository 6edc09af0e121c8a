package roomchat.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a cluster costs against one server: fan-out and steady on one server on its own (no Redis) and
 * on a cluster of several nodes with their Redis, all on this machine, each run on fresh processes.
 * The two take turns run by run, so that both see the machine in the same state; the table then puts
 * their medians side by side with the ratios the targets bound (issue 12): steady p99 on the cluster
 * at most {@link #P99_TARGET} times the single server's, and each node's CPU per delivery (per delivery
 * that node makes) at most {@link #NODE_CPU_TARGET} times the single server's.
 */
final class ClusterComparison {

    /** Steady p99 on the cluster over the single server's: at most this. */
    static final double P99_TARGET = 2.0;
    /** The busiest node's CPU per delivery over the single server's: at most this. */
    static final double NODE_CPU_TARGET = 1.5;
    /** The workload whose p99 the target bounds. */
    private static final String LATENCY_WORKLOAD = "steady";

    /**
     * One workload's medians on both, and their ratios (cluster over single).
     *
     * @param workload          the workload's name
     * @param single            medians on one server
     * @param cluster           medians on the cluster
     * @param p99Ratio          cluster p99 / single p99
     * @param nodeCpuRatio      the busiest node's CPU per delivery / the single server's
     * @param p99TargetMet      whether the p99 target holds (null: no p99 target for this workload)
     * @param nodeCpuTargetMet  whether the CPU target holds
     */
    record Comparison(String workload, Result single, Result cluster, double p99Ratio, double nodeCpuRatio,
                      Boolean p99TargetMet, boolean nodeCpuTargetMet) {

        static Comparison of(String workload, Result single, Result cluster) {
            double p99Ratio = cluster.p99Ms() / single.p99Ms();
            double cpuRatio = cluster.busiestNodeMicrosPerDelivery() / single.cpuMicrosPerDelivery();
            return new Comparison(workload, single, cluster, p99Ratio, cpuRatio,
                    workload.equals(LATENCY_WORKLOAD) ? p99Ratio <= P99_TARGET : null, cpuRatio <= NODE_CPU_TARGET);
        }
    }

    private final ServerLauncher launcher;
    private final Topology cluster;
    private final int clientThreads;
    private final int runs;

    ClusterComparison(ServerLauncher launcher, int nodes, int clientThreads, int runs) {
        this.launcher = launcher;
        this.cluster = Topology.cluster(nodes);
        this.clientThreads = clientThreads;
        this.runs = runs;
    }

    /** Every run's result, each workload's medians, then the comparisons; the table is printed at the end. */
    List<Object> run(double scale) throws Exception {
        List<Object> results = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        try (ClientTransport transport = new ClientTransport(clientThreads)) {
            for (Workload workload : List.of(Suite.fanOut(scale), Suite.steady(scale))) {
                List<Result> single = new ArrayList<>();
                List<Result> clustered = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    single.add(once(workload, Topology.single(), transport));
                    clustered.add(once(workload.on(cluster), cluster, transport));
                }
                results.addAll(single);
                results.addAll(clustered);
                Result singleMedian = Result.median(single);
                Result clusterMedian = Result.median(clustered);
                results.add(singleMedian);
                results.add(clusterMedian);
                comparisons.add(Comparison.of(workload.name(), singleMedian, clusterMedian));
            }
        }
        System.out.println();
        print(comparisons, cluster, runs, System.out);
        results.addAll(comparisons);
        return results;
    }

    private Result once(Workload workload, Topology topology, ClientTransport transport) throws Exception {
        try (Servers servers = Servers.start(launcher, topology, Suite.SERVER_ARGS)) {
            Result result = Suite.measure(workload, servers, transport);
            Report.print(result);
            return result;
        }
    }

    /** The side-by-side table, in Markdown so that it can go into docs/performance.md as it is. */
    static void print(List<Comparison> comparisons, Topology cluster, int runs, PrintStream out) {
        out.printf(Locale.ROOT, "| workload | figure | 1 node | %s | %s / 1 node | target |%n", cluster.label(),
                cluster.nodes() + " nodes");
        out.println("|---|---|---|---|---|---|");
        for (Comparison c : comparisons) {
            Result s = c.single();
            Result n = c.cluster();
            row(out, c.workload(), "deliveries", s.received() + " / " + s.expected() + clean(s),
                    n.received() + " / " + n.expected() + clean(n), "", "");
            row(out, c.workload(), "per second", String.format(Locale.ROOT, "%.0f", s.deliveriesPerSecond()),
                    String.format(Locale.ROOT, "%.0f", n.deliveriesPerSecond()),
                    Figures.ratio(n.deliveriesPerSecond() / s.deliveriesPerSecond()), "");
            row(out, c.workload(), "p50", Figures.ms(s.p50Ms()), Figures.ms(n.p50Ms()), Figures.ratio(n.p50Ms() / s.p50Ms()), "");
            row(out, c.workload(), "p99 (send to receipt; on the cluster mostly across nodes)", Figures.ms(s.p99Ms()), Figures.ms(n.p99Ms()),
                    Figures.ratio(c.p99Ratio()), c.p99TargetMet() == null ? ""
                            : verdict("≤ " + P99_TARGET, c.p99TargetMet()));
            row(out, c.workload(), "CPU per delivery, each node (per delivery it makes)", Figures.micros(s.cpuMicrosPerDelivery()),
                    n.nodes().stream().map(node -> Figures.micros(node.cpuMicrosPerDelivery())).collect(Collectors.joining(" / ")),
                    Figures.ratio(c.nodeCpuRatio()) + " (busiest)", verdict("≤ " + NODE_CPU_TARGET, c.nodeCpuTargetMet()));
            row(out, c.workload(), "CPU per delivery, Redis", "", Figures.micros(n.redisMicrosPerDelivery()), "", "");
            row(out, c.workload(), "CPU per delivery, all processes", Figures.micros(s.cpuMicrosPerDelivery()),
                    Figures.micros(n.cpuMicrosPerDelivery()), Figures.ratio(n.cpuMicrosPerDelivery() / s.cpuMicrosPerDelivery()), "");
            row(out, c.workload(), "cores, all processes", String.format(Locale.ROOT, "%.2f", s.serverCores()),
                    String.format(Locale.ROOT, "%.2f", n.serverCores()), "", "");
        }
        out.printf(Locale.ROOT, "Medians of %d runs each; the two took turns, each run on fresh processes.%n", runs);
    }

    private static void row(PrintStream out, String workload, String figure, String single, String cluster, String ratio,
                            String target) {
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", workload, figure, single, cluster, ratio, target);
    }

    private static String clean(Result r) {
        return r.clean() ? "" : " (LOSS OR DISORDER: " + r.outOfOrder() + ")";
    }

    private static String verdict(String target, boolean met) {
        return target + ": " + (met ? "met" : "NOT met");
    }
}
