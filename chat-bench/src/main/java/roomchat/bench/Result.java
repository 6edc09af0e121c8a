package roomchat.bench;

import java.util.List;

/**
 * What one measured phase came to. Server figures are null when the server's process was not given.
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
 * @param serverCpuSeconds    server CPU (user + system) used during the phase
 * @param serverCores         serverCpuSeconds / seconds
 * @param cpuMicrosPerDelivery server CPU per delivery, in microseconds
 * @param serverRssKiB        the server's resident memory at the end
 */
public record Result(String workload, long expected, long received, long outOfOrder, double seconds,
                     double deliveriesPerSecond, double p50Ms, double p90Ms, double p99Ms, double maxMs,
                     Double serverCpuSeconds, Double serverCores, Double cpuMicrosPerDelivery, Long serverRssKiB) {

    /**
     * One row for several runs of a workload: the median of each figure, except that the fewest
     * deliveries received and the most out of order stand for them all, so a loss in any run shows.
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
                Medians.of(runs, Result::cpuMicrosPerDelivery), rss == null ? null : rss.longValue());
    }

    /** Nothing lost, nothing out of order. */
    public boolean clean() {
        return received == expected && outOfOrder == 0;
    }
}
