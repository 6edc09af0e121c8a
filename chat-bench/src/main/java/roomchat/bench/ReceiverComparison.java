package roomchat.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The fan-out workload (and, asked for, rooms) with its listeners on each door given: TCP as nc users,
 * the gRPC door, or both mixed ({@link Receivers}); the senders always on TCP. Each run is on a fresh
 * server whose gRPC door is on in every run (the servers differ only in which door their listeners
 * use); the kinds take turns run by run, so that each sees the machine in the same state. Each kind's
 * medians are printed, and with more than one kind a Markdown table puts them side by side with their
 * ratios to the first kind given.
 */
final class ReceiverComparison {

    /**
     * One workload's medians for each kind of receivers, in the order the kinds were given.
     *
     * @param workload the workload's name
     * @param medians  each kind's medians
     */
    record Comparison(String workload, Map<Receivers, Result> medians) {

        Comparison {
            medians = Collections.unmodifiableMap(new LinkedHashMap<>(medians));
        }
    }

    private final ServerLauncher launcher;
    private final List<Receivers> kinds;
    private final int callsPerConnection;
    private final int clientThreads;
    private final int runs;

    ReceiverComparison(ServerLauncher launcher, List<Receivers> kinds, int callsPerConnection, int clientThreads,
                       int runs) {
        if (kinds.isEmpty() || kinds.stream().distinct().count() != kinds.size()) {
            throw new IllegalArgumentException("each kind of receivers once: " + kinds);
        }
        this.launcher = launcher;
        this.kinds = List.copyOf(kinds);
        this.callsPerConnection = callsPerConnection;
        this.clientThreads = clientThreads;
        this.runs = runs;
    }

    /** Every run's result, each kind's medians, then (more than one kind) the comparisons. */
    List<Object> run(List<Workload> workloads) throws Exception {
        List<Object> results = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        try (ClientTransport transport = new ClientTransport(clientThreads)) {
            for (Workload workload : workloads) {
                Map<Receivers, List<Result>> each = new LinkedHashMap<>();
                kinds.forEach(kind -> each.put(kind, new ArrayList<>()));
                for (int i = 0; i < runs; i++) {
                    for (Receivers kind : kinds) {
                        each.get(kind).add(once(labelled(workload, kind), kind, transport));
                    }
                }
                Map<Receivers, Result> medians = new LinkedHashMap<>();
                each.forEach((kind, kindRuns) -> {
                    results.addAll(kindRuns);
                    medians.put(kind, Result.median(kindRuns));
                });
                results.addAll(medians.values());
                comparisons.add(new Comparison(workload.name(), medians));
            }
        }
        System.out.println();
        comparisons.forEach(c -> c.medians().values().forEach(Report::print));
        if (kinds.size() > 1) {
            System.out.println();
            print(comparisons, runs, System.out);
            results.addAll(comparisons);
        }
        return results;
    }

    /** {@code fan-out [grpc receivers]}. */
    static Workload labelled(Workload workload, Receivers kind) {
        return workload.labelled(kind.label() + " receivers");
    }

    private Result once(Workload workload, Receivers kind, ClientTransport transport) throws Exception {
        try (Servers servers = Servers.start(launcher, Topology.single(), Suite.SERVER_ARGS, callsPerConnection)) {
            ReceiverDoors doors = new ReceiverDoors(kind, servers.grpcAddresses(), callsPerConnection);
            Result result = Suite.measure(workload, servers, transport, doors);
            Report.print(result);
            return result;
        }
    }

    /** The side-by-side table, in Markdown so that it can go into docs/performance.md as it is. */
    static void print(List<Comparison> comparisons, int runs, PrintStream out) {
        List<Receivers> kinds = List.copyOf(comparisons.get(0).medians().keySet());
        Receivers base = kinds.get(0);
        StringBuilder header = new StringBuilder("| workload | figure |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (Receivers kind : kinds) {
            header.append(' ').append(kind.label()).append(" receivers |");
            rule.append("---|");
        }
        for (Receivers kind : kinds.subList(1, kinds.size())) {
            header.append(' ').append(kind.label()).append(" / ").append(base.label()).append(" |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
        for (Comparison c : comparisons) {
            row(out, c, "deliveries", r -> r.received() + " / " + r.expected()
                    + (r.clean() ? "" : " (LOSS OR DISORDER: " + r.outOfOrder() + ")"), null);
            row(out, c, "per second", r -> String.format(Locale.ROOT, "%.0f", r.deliveriesPerSecond()),
                    Result::deliveriesPerSecond);
            row(out, c, "server CPU per delivery", r -> Figures.micros(r.cpuMicrosPerDelivery()),
                    Result::cpuMicrosPerDelivery);
            row(out, c, "p50", r -> Figures.ms(r.p50Ms()), Result::p50Ms);
            row(out, c, "p99", r -> Figures.ms(r.p99Ms()), Result::p99Ms);
            row(out, c, "server cores", r -> r.serverCores() == null ? "n/a"
                    : String.format(Locale.ROOT, "%.2f", r.serverCores()), Result::serverCores);
        }
        out.printf(Locale.ROOT, "Medians of %d runs each; the kinds took turns, each run on a fresh server;"
                + " senders on TCP in all.%n", runs);
    }

    /** One figure for every kind, then each kind's ratio to the first ({@code ratioOf} null: no ratio). */
    private static void row(PrintStream out, Comparison c, String figure, Function<Result, String> shown,
                            Function<Result, Double> ratioOf) {
        StringBuilder line = new StringBuilder("| " + c.workload() + " | " + figure + " |");
        List<Result> medians = List.copyOf(c.medians().values());
        for (Result r : medians) {
            line.append(' ').append(shown.apply(r)).append(" |");
        }
        Double base = ratioOf == null ? null : ratioOf.apply(medians.get(0));
        for (Result r : medians.subList(1, medians.size())) {
            Double value = ratioOf == null ? null : ratioOf.apply(r);
            line.append(' ').append(base == null || value == null ? "" : Figures.ratio(value / base)).append(" |");
        }
        out.println(line);
    }
}
