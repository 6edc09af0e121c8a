package roomchat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Prints results as table rows and writes them as JSON. */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    static void print(Result r) {
        System.out.println(String.format(Locale.ROOT,
                "%-22s %9d/%-9d deliveries%s  %9.0f/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms%s",
                r.workload(), r.received(), r.expected(), r.clean() ? "" : " (LOSS OR DISORDER: " + r.outOfOrder() + ")",
                r.deliveriesPerSecond(), r.p50Ms(), r.p90Ms(), r.p99Ms(), r.maxMs(),
                r.serverCpuSeconds() == null ? "" : String.format(Locale.ROOT,
                        "  server %.2f cores, %.3f µs CPU/delivery, RSS %d KiB",
                        r.serverCores(), r.cpuMicrosPerDelivery(), r.serverRssKiB())));
        if (r.nodes().size() > 1 || r.redisCpuSeconds() != null) {
            System.out.println(breakdown(r));
        }
    }

    /** A cluster's CPU per process: each node's per delivery it made, Redis's per delivery of all. */
    private static String breakdown(Result r) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s", ""));
        for (Result.Node node : r.nodes()) {
            line.append(String.format(Locale.ROOT, "  %s %.2f s CPU, %.3f µs/delivery of its %d, RSS %d KiB;",
                    node.node(), node.cpuSeconds(), node.cpuMicrosPerDelivery(), node.deliveries(), node.rssKiB()));
        }
        if (r.redisCpuSeconds() != null) {
            line.append(String.format(Locale.ROOT, "  Redis %.2f s CPU, %.3f µs/delivery;",
                    r.redisCpuSeconds(), r.redisMicrosPerDelivery()));
        }
        line.append(String.format(Locale.ROOT, "  all %.3f µs/delivery", r.cpuMicrosPerDelivery()));
        return line.toString();
    }

    static void print(IdleRun.IdleResult r) {
        System.out.println(String.format(Locale.ROOT,
                "%-22s %6d connections in rooms of %d  RSS %d -> %d KiB  %.2f KiB/connection  %.2f s CPU in %.0f s held",
                r.workload(), r.connections(), IdleRun.ROOM_SIZE, r.rssBeforeKiB(), r.rssAfterKiB(), r.kibPerConnection(),
                r.idleCpuSeconds(), r.holdSeconds()));
    }

    static void writeJson(Path file, Object results) throws IOException {
        JSON.writeValue(file.toFile(), results);
    }
}
