package roomchat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What one measured phase came to. Server figures are null (and {@code nodes} empty) when the
 * servers' processes were not given. On a cluster the server figures are the sums over every node
 * and Redis (CPU) or every node (memory); {@code nodes} and the Redis figures break them down.
 *
 * @param workload            the workload's name
 * @param expected            deliveries the phase had to make
 * @param received            deliveries received
 * @param outOfOrder          deliveries that broke a sender's order (a gap counts once)
 * @param seconds             how long the phase took
 * @param deliveriesPerSecond received / seconds
 * @param p50Ms               latency percentiles and maximum, send to receipt, in milliseconds
 * @param p90Ms               see p50Ms
 * @param p99Ms               see p50Ms
 * @param maxMs               see p50Ms
 * @param serverCpuSeconds    server CPU (user + system) used during the phase: every node's and Redis's
 * @param serverCores         serverCpuSeconds / seconds
 * @param cpuMicrosPerDelivery server CPU per delivery, in microseconds: serverCpuSeconds / received
 * @param serverRssKiB        the servers' resident memory at the end, every node's together (not Redis's)
 * @param nodes               each node's share, in node order (one entry for a single server)
 * @param redisCpuSeconds     Redis's CPU during the phase, or null without Redis
 * @param redisMicrosPerDelivery Redis's CPU per delivery (over all deliveries), or null
 */
public record Result(String workload, long expected, long received, long outOfOrder, double seconds,
                     double deliveriesPerSecond, double p50Ms, double p90Ms, double p99Ms, double maxMs,
                     Double serverCpuSeconds, Double serverCores, Double cpuMicrosPerDelivery, Long serverRssKiB,
                     List<Node> nodes, Double redisCpuSeconds, Double redisMicrosPerDelivery) {

    /**
     * One node's figures in a phase.
     *
     * @param node                 its name ({@code node0} ...)
     * @param deliveries           deliveries it made: lines its own clients received
     * @param cpuSeconds           its CPU during the phase
     * @param cpuMicrosPerDelivery cpuSeconds / its own deliveries: what a delivery costs the node that makes it
     *                             (the node where a line is sent also pays for publishing it)
     * @param rssKiB               its resident memory at the end
     */
    public record Node(String node, long deliveries, double cpuSeconds, double cpuMicrosPerDelivery, long rssKiB) {
    }

    public Result {
        nodes = List.copyOf(nodes);
    }

    /**
     * One row for several runs of a workload: the median of each figure, except that the fewest
     * deliveries received and the most out of order stand for them all, so a loss in any run shows.
     * Node figures are medians per node (node i over every run's node i).
     */
    static Result median(List<Result> runs) {
        Result first = runs.get(0);
        Double cpu = Medians.of(runs, Result::serverCpuSeconds);
        Double rss = Medians.of(runs, Result::serverRssKiB);
        return new Result(first.workload() + " (median of " + runs.size() + ")", first.expected(),
                runs.stream().mapToLong(Result::received).min().orElseThrow(),
                runs.stream().mapToLong(Result::outOfOrder).max().orElseThrow(),
                Medians.of(runs, Result::seconds), Medians.of(runs, Result::deliveriesPerSecond),
                Medians.of(runs, Result::p50Ms), Medians.of(runs, Result::p90Ms), Medians.of(runs, Result::p99Ms),
                Medians.of(runs, Result::maxMs), cpu, Medians.of(runs, Result::serverCores),
                Medians.of(runs, Result::cpuMicrosPerDelivery), rss == null ? null : rss.longValue(),
                medianNodes(runs), Medians.of(runs, Result::redisCpuSeconds),
                Medians.of(runs, Result::redisMicrosPerDelivery));
    }

    private static List<Node> medianNodes(List<Result> runs) {
        int count = runs.stream().mapToInt(r -> r.nodes().size()).min().orElse(0);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            nodes.add(new Node(runs.get(0).nodes().get(n).node(),
                    Medians.of(runs, r -> r.nodes().get(n).deliveries()).longValue(),
                    Medians.of(runs, r -> r.nodes().get(n).cpuSeconds()),
                    Medians.of(runs, r -> r.nodes().get(n).cpuMicrosPerDelivery()),
                    Medians.of(runs, r -> r.nodes().get(n).rssKiB()).longValue()));
        }
        return nodes;
    }

    /** Nothing lost, nothing out of order. */
    public boolean clean() {
        return received == expected && outOfOrder == 0;
    }

    /** The highest CPU per delivery of any node, or null when not measured. */
    Double busiestNodeMicrosPerDelivery() {
        OptionalDouble busiest = nodes.stream().mapToDouble(Node::cpuMicrosPerDelivery).max();
        return busiest.isPresent() ? busiest.getAsDouble() : null;
    }
}
