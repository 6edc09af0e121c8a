package roomchat.server.metrics;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.group.ChannelGroup;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/**
 * The server's numbers in Prometheus' text format, read when scraped: open connections by
 * transport, rooms, members, lines in, deliveries out and dropped, and disconnects by reason.
 */
public final class ServerMetrics {

    private static final List<String> TRANSPORTS = List.of(
            Connections.TCP, Connections.TLS, Connections.WEBSOCKET, Connections.HTTP);

    private final ChannelGroup connections;
    private final Supplier<Map<CloseReason, Long>> disconnects;
    private final LongSupplier rooms;
    private final LongSupplier members;
    private final LongAdder linesIn;
    private final LongSupplier deliveries;
    private final LongSupplier dropped;

    public ServerMetrics(ChannelGroup connections, Supplier<Map<CloseReason, Long>> disconnects, LongSupplier rooms,
                         LongSupplier members, LongAdder linesIn, LongSupplier deliveries, LongSupplier dropped) {
        this.connections = connections;
        this.disconnects = disconnects;
        this.rooms = rooms;
        this.members = members;
        this.linesIn = linesIn;
        this.deliveries = deliveries;
        this.dropped = dropped;
    }

    /** The metrics as Prometheus scrapes them. */
    public String render() {
        StringBuilder out = new StringBuilder(1024);
        Map<String, Long> byTransport = new TreeMap<>();
        TRANSPORTS.forEach(transport -> byTransport.put(transport, 0L));
        long pendingOutput = 0;
        for (Channel channel : connections) {
            byTransport.merge(Connections.transport(channel), 1L, Long::sum);
            pendingOutput += pendingOutput(channel);
        }
        header(out, "roomchat_connections", "gauge", "Open connections, by transport.");
        byTransport.forEach((transport, count) -> sample(out, "roomchat_connections", "transport", transport, count));
        single(out, "roomchat_rooms", "gauge", "Rooms that exist.", rooms.getAsLong());
        single(out, "roomchat_members", "gauge", "Users who have chosen a name.", members.getAsLong());
        single(out, "roomchat_lines_in_total", "counter", "Lines received from users, commands included.", linesIn.sum());
        single(out, "roomchat_deliveries_total", "counter", "Lines written to users by rooms and private messages.",
                deliveries.getAsLong());
        single(out, "roomchat_deliveries_dropped_total", "counter",
                "Lines not written to a user because it was not reading (slow consumer).", dropped.getAsLong());
        single(out, "roomchat_pending_output_bytes", "gauge",
                "Bytes written to connections and not yet taken by their sockets.", pendingOutput);
        single(out, "roomchat_direct_memory_bytes", "gauge", "Direct memory held by the server's buffer allocator.",
                directMemory());
        header(out, "roomchat_disconnects_total", "counter", "Connections closed, by reason.");
        Map<CloseReason, Long> counts = disconnects.get();
        for (CloseReason reason : CloseReason.values()) {
            sample(out, "roomchat_disconnects_total", "reason", reason.label(), counts.getOrDefault(reason, 0L));
        }
        return out.toString();
    }

    private static long pendingOutput(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private static long directMemory() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider
                ? provider.metric().usedDirectMemory() : -1;
    }

    private static void single(StringBuilder out, String name, String type, String help, long value) {
        header(out, name, type, help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String label, String value, long count) {
        out.append(name).append('{').append(label).append("=\"").append(value).append("\"} ").append(count).append('\n');
    }
}
