package roomchat.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC receivers of one load run, as a bot farm would run them: a few calls on each HTTP/2
 * connection, up to {@code callsPerConnection} (as many as the server lets one connection have at
 * once, its {@code --grpc-max-calls-per-connection}, 4 by default), then a new connection. One
 * program holding many members shares connections like this; a connection per member would be many
 * programs. Each connection is a grpc-netty channel on the tool's own event loops and channel type
 * with a direct executor, so the tool's threads stay those of {@link ClientTransport}, whichever door
 * its clients use.
 *
 * <p><b>Threads:</b> {@link #join} and {@link #close} run on the measuring thread; the calls' events
 * come on their connections' loops ({@link GrpcReceiver}). {@link #closing} is read on those loops.
 */
final class GrpcConnections implements AutoCloseable {

    /** How long closing waits for the connections to be gone. */
    private static final long CLOSE_SECONDS = 10;

    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private final int callsPerConnection;
    private final List<ManagedChannel> connections = new ArrayList<>();
    /** Per server address: the connection that is taking calls now, and how many it has. */
    private final Map<InetSocketAddress, ManagedChannel> filling = new HashMap<>();
    private final Map<InetSocketAddress, Integer> callsOnFilling = new HashMap<>();
    private int calls;
    private volatile boolean closing;

    GrpcConnections(EventLoopGroup group, Class<? extends Channel> channelType, int callsPerConnection) {
        if (callsPerConnection < 1) {
            throw new IllegalArgumentException("at least one call per connection, not " + callsPerConnection);
        }
        this.group = group;
        this.channelType = channelType;
        this.callsPerConnection = callsPerConnection;
    }

    /** {@code member} joins over the gRPC door at {@code door}; returns once it is in its room. */
    void join(InetSocketAddress door, Dialect.Member member, BenchClient.Receiver receiver) throws Exception {
        GrpcReceiver.join(connectionTo(door), member, receiver, () -> closing);
        calls++;
    }

    /** Calls started so far (members that joined over gRPC). */
    int calls() {
        return calls;
    }

    /** Connections opened so far. */
    int connections() {
        return connections.size();
    }

    private ManagedChannel connectionTo(InetSocketAddress door) {
        int used = callsOnFilling.getOrDefault(door, 0);
        ManagedChannel connection = filling.get(door);
        if (connection == null || used == callsPerConnection) {
            connection = NettyChannelBuilder.forAddress(door)
                    .usePlaintext()
                    .eventLoopGroup(group)
                    .channelType(channelType)
                    .withOption(ChannelOption.TCP_NODELAY, true)
                    .directExecutor()
                    .maxInboundMessageSize(LoadRun.MAX_LINE)
                    .build();
            connections.add(connection);
            filling.put(door, connection);
            used = 0;
        }
        callsOnFilling.put(door, used + 1);
        return connection;
    }

    /** Cancels every call (each member leaves) and closes the connections. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        for (ManagedChannel connection : connections) {
            connection.shutdownNow();
        }
        for (ManagedChannel connection : connections) {
            connection.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS);
        }
    }
}
