package roomchat.bench;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import roomchat.redis.RedisProcess;

/**
 * This server beside a reference (issue 13): the same workloads, driven by the same load loop, against
 * Redis pub/sub on a {@code redis-server} the tool starts for each run (Debian's, on a free loopback
 * port, persistence off). Members {@code SUBSCRIBE} to a channel per room and each sender is one more
 * connection that {@code PUBLISH}es, so a Redis room of N members and S senders holds N + S
 * connections and delivers each line to all N; CPU is per delivery, so the two compare. The suite runs
 * both taking turns run by run, and the table gives each figure with its ratio, server over Redis.
 */
final class ReferenceComparison {

    /** What {@code --reference} accepts. */
    static final String REDIS = "redis";

    /**
     * One workload's medians on both, and their ratios (server over Redis; below 1 the server is ahead).
     *
     * @param workload  the workload's name
     * @param server    medians on this server
     * @param redis     medians on Redis
     * @param cpuRatio  server CPU per delivery / Redis's (null if either was not measured, or Redis's was below
     *                  the resolution of /proc's clock ticks, as in a short smoke run)
     * @param p50Ratio  server p50 / Redis's
     * @param p99Ratio  server p99 / Redis's
     */
    record Comparison(String workload, Result server, Result redis, Double cpuRatio, double p50Ratio, double p99Ratio) {

        static Comparison of(String workload, Result server, Result redis) {
            Double cpuRatio = server.cpuMicrosPerDelivery() == null || redis.cpuMicrosPerDelivery() == null
                    || redis.cpuMicrosPerDelivery() <= 0 ? null : server.cpuMicrosPerDelivery() / redis.cpuMicrosPerDelivery();
            return new Comparison(workload, server, redis, cpuRatio, server.p50Ms() / redis.p50Ms(),
                    server.p99Ms() / redis.p99Ms());
        }
    }

    private ReferenceComparison() {
    }

    /** One run of {@code workload} on a fresh redis-server without persistence, its CPU and memory read from /proc. */
    static Result onRedis(Workload workload, ClientTransport transport) throws Exception {
        try (RedisProcess redis = RedisProcess.launchWithoutPersistence()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", redis.port());
            return new LoadRun(List.of(address), workload.labelled(RedisDialect.INSTANCE.label()), transport.group,
                    transport.channelType, Probes.of(new ProcessProbe(redis.pid())), RedisDialect.INSTANCE).run();
        }
    }

    /** The side-by-side table, in Markdown so that it can go into docs/performance.md as it is. */
    static void print(List<Comparison> comparisons, String serverLabel, int runs, PrintStream out) {
        out.printf(Locale.ROOT, "| workload | figure | %s | Redis pub/sub | %s / Redis |%n", serverLabel, serverLabel);
        out.println("|---|---|---|---|---|");
        for (Comparison c : comparisons) {
            Result s = c.server();
            Result r = c.redis();
            row(out, c.workload(), "deliveries", deliveries(s), deliveries(r), "");
            row(out, c.workload(), "per second", String.format(Locale.ROOT, "%.0f", s.deliveriesPerSecond()),
                    String.format(Locale.ROOT, "%.0f", r.deliveriesPerSecond()),
                    ratio(s.deliveriesPerSecond() / r.deliveriesPerSecond()));
            row(out, c.workload(), "server CPU per delivery", micros(s.cpuMicrosPerDelivery()),
                    micros(r.cpuMicrosPerDelivery()), c.cpuRatio() == null ? "n/a" : ratio(c.cpuRatio()));
            row(out, c.workload(), "p50 (send to receipt)", ms(s.p50Ms()), ms(r.p50Ms()), ratio(c.p50Ratio()));
            row(out, c.workload(), "p99 (send to receipt)", ms(s.p99Ms()), ms(r.p99Ms()), ratio(c.p99Ratio()));
        }
        out.printf(Locale.ROOT, "Medians of %d runs each; the two took turns, each run on a fresh process."
                + " Redis delivers each line to every member (its sender publishes on a connection of its own).%n", runs);
    }

    private static void row(PrintStream out, String workload, String figure, String server, String redis, String ratio) {
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", workload, figure, server, redis, ratio);
    }

    private static String deliveries(Result r) {
        return r.received() + " / " + r.expected() + (r.clean() ? "" : " (LOSS OR DISORDER: " + r.outOfOrder() + ")");
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.2f ms", millis);
    }

    private static String micros(Double micros) {
        return micros == null ? "n/a" : String.format(Locale.ROOT, "%.3f µs", micros);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }
}
