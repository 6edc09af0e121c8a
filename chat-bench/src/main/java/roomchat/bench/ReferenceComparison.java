package roomchat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    /** Connections Redis may hold beyond an idle run's subscribers: the settings connection, and room to spare. */
    private static final int CLIENT_MARGIN = 64;
    private static final int CONFIG_TIMEOUT_MILLIS = 5_000;

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

    /**
     * One idle workload's medians on both: memory per connection and its ratio, server over Redis.
     *
     * @param workload     the workload's name
     * @param server       medians on this server
     * @param redis        medians on Redis
     * @param memoryRatio  server KiB per connection / Redis's (null if Redis's was not above 0, as in a tiny smoke run)
     */
    record IdleComparison(String workload, IdleRun.IdleResult server, IdleRun.IdleResult redis, Double memoryRatio) {

        static IdleComparison of(String workload, IdleRun.IdleResult server, IdleRun.IdleResult redis) {
            return new IdleComparison(workload, server, redis,
                    redis.kibPerConnection() <= 0 ? null : server.kibPerConnection() / redis.kibPerConnection());
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

    /**
     * One idle run of {@code connections} subscribers on a fresh redis-server without persistence, made
     * ready to hold them all ({@link #prepareForIdle}; Redis's default {@code maxclients} is 10,000); RSS
     * read from /proc.
     */
    static IdleRun.IdleResult idleOnRedis(int connections, Duration hold, ClientTransport transport) throws Exception {
        try (RedisProcess redis = RedisProcess.launchWithoutPersistence()) {
            prepareForIdle(redis.port(), connections);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", redis.port());
            return IdleRun.onRedis(address, redis.pid(), transport.group, transport.channelType).run(connections, hold);
        }
    }

    /**
     * Lets the Redis at {@code port} hold {@code connections} idle subscribers: {@code maxclients} raised,
     * and protected mode off, which accepts loopback connections only from 127.0.0.1 while the idle
     * run's come from all over 127.0.0.x (Redis is bound to 127.0.0.1 alone, so nothing else reaches it).
     */
    static void prepareForIdle(int port, int connections) throws IOException {
        configSet(port, "maxclients", Integer.toString(connections + CLIENT_MARGIN));
        configSet(port, "protected-mode", "no");
    }

    /** Sets one of Redis's settings with an inline command, on a connection of its own; fails unless Redis says OK. */
    private static void configSet(int port, String name, String value) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(CONFIG_TIMEOUT_MILLIS);
            socket.getOutputStream().write(("CONFIG SET " + name + " " + value + "\r\n").getBytes(StandardCharsets.US_ASCII));
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (!"+OK".equals(reply)) {
                throw new IOException("Redis refused CONFIG SET " + name + " " + value + ": " + reply);
            }
        }
    }

    /** The side-by-side table, in Markdown so that it can go into docs/performance.md as it is. */
    static void print(List<Comparison> comparisons, List<IdleComparison> idle, String serverLabel, int runs,
                      PrintStream out) {
        out.printf(Locale.ROOT, "| workload | figure | %s | Redis pub/sub | %s / Redis |%n", serverLabel, serverLabel);
        out.println("|---|---|---|---|---|");
        for (Comparison c : comparisons) {
            Result s = c.server();
            Result r = c.redis();
            row(out, c.workload(), "deliveries", deliveries(s), deliveries(r), "");
            row(out, c.workload(), "per second", String.format(Locale.ROOT, "%.0f", s.deliveriesPerSecond()),
                    String.format(Locale.ROOT, "%.0f", r.deliveriesPerSecond()),
                    Figures.ratio(s.deliveriesPerSecond() / r.deliveriesPerSecond()));
            row(out, c.workload(), "server CPU per delivery", Figures.micros(s.cpuMicrosPerDelivery()),
                    Figures.micros(r.cpuMicrosPerDelivery()), c.cpuRatio() == null ? "n/a" : Figures.ratio(c.cpuRatio()));
            row(out, c.workload(), "p50 (send to receipt)", Figures.ms(s.p50Ms()), Figures.ms(r.p50Ms()), Figures.ratio(c.p50Ratio()));
            row(out, c.workload(), "p99 (send to receipt)", Figures.ms(s.p99Ms()), Figures.ms(r.p99Ms()), Figures.ratio(c.p99Ratio()));
        }
        for (IdleComparison c : idle) {
            row(out, c.workload(), "resident memory per connection (rooms of " + IdleRun.ROOM_SIZE + ")",
                    kib(c.server().kibPerConnection()), kib(c.redis().kibPerConnection()),
                    c.memoryRatio() == null ? "n/a" : Figures.ratio(c.memoryRatio()));
            row(out, c.workload(), "CPU while held", seconds(c.server()), seconds(c.redis()), "");
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

    private static String kib(double kib) {
        return String.format(Locale.ROOT, "%.2f KiB", kib);
    }

    private static String seconds(IdleRun.IdleResult r) {
        return String.format(Locale.ROOT, "%.2f s in %.0f s", r.idleCpuSeconds(), r.holdSeconds());
    }
}
