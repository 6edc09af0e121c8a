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
import java.util.function.Consumer;
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
            Connections.TCP, Connections.TLS, Connections.WEBSOCKET, Connections.HTTP, Connections.GRPC);

    private final ChannelGroup connections;
    /** Open connections that are not channels (gRPC calls), by transport. */
    private final Supplier<Map<String, Integer>> calls;
    private final Supplier<Map<CloseReason, Long>> disconnects;
    private final LongSupplier rooms;
    private final LongSupplier members;
    private final LongAdder linesIn;
    private final LongSupplier deliveries;
    private final LongSupplier dropped;
    private final LongSupplier unavailable;
    private final Consumer<StringBuilder> more;

    /**
     * {@code connections} are the open channels, {@code calls} the open connections that are not
     * channels (gRPC calls), by transport; the rest are read as they are named.
     */
    public ServerMetrics(ChannelGroup connections, Supplier<Map<String, Integer>> calls,
                         Supplier<Map<CloseReason, Long>> disconnects, LongSupplier rooms,
                         LongSupplier members, LongAdder linesIn, LongSupplier deliveries, LongSupplier dropped,
                         LongSupplier unavailable, Consumer<StringBuilder> more) {
        this.connections = connections;
        this.calls = calls;
        this.disconnects = disconnects;
        this.rooms = rooms;
        this.members = members;
        this.linesIn = linesIn;
        this.deliveries = deliveries;
        this.dropped = dropped;
        this.unavailable = unavailable;
        this.more = more;
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
        calls.get().forEach((transport, count) -> byTransport.merge(transport, (long) count, Long::sum));
        Prometheus.header(out, "roomchat_connections", "gauge", "Open connections, by transport.");
        byTransport.forEach((transport, count) -> Prometheus.sample(out, "roomchat_connections", "transport", transport, count));
        Prometheus.single(out, "roomchat_rooms", "gauge", "Rooms that exist.", rooms.getAsLong());
        Prometheus.single(out, "roomchat_members", "gauge", "Users who have chosen a name.", members.getAsLong());
        Prometheus.single(out, "roomchat_lines_in_total", "counter", "Lines received from users, commands included.", linesIn.sum());
        Prometheus.single(out, "roomchat_deliveries_total", "counter", "Lines written to users by rooms and private messages.",
                deliveries.getAsLong());
        Prometheus.single(out, "roomchat_deliveries_dropped_total", "counter",
                "Lines not written to a user because it was not reading (slow consumer).", dropped.getAsLong());
        Prometheus.single(out, "roomchat_pending_output_bytes", "gauge",
                "Bytes written to connections and not yet taken by their sockets.", pendingOutput);
        Prometheus.single(out, "roomchat_direct_memory_bytes", "gauge", "Direct memory held by the server's buffer allocator.",
                directMemory());
        Prometheus.single(out, "roomchat_unavailable_refusals_total", "counter",
                "Lines and commands refused because the rooms' store (a cluster's Redis) could not be reached.",
                unavailable.getAsLong());
        Prometheus.header(out, "roomchat_disconnects_total", "counter", "Connections closed, by reason.");
        Map<CloseReason, Long> counts = disconnects.get();
        for (CloseReason reason : CloseReason.values()) {
            Prometheus.sample(out, "roomchat_disconnects_total", "reason", reason.label(), counts.getOrDefault(reason, 0L));
        }
        more.accept(out);
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

}
