package roomchat.bench;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * How a load run's listeners come in: all through the chat's TCP port, or some or all through the
 * gRPC door ({@link Receivers}), several calls to an HTTP/2 connection ({@link GrpcConnections}).
 *
 * @param receivers          which listeners use the gRPC door
 * @param grpcDoors          every node's gRPC address, in the order of the nodes' TCP addresses; empty for TCP
 * @param callsPerConnection gRPC calls (members) per HTTP/2 connection
 */
record ReceiverDoors(Receivers receivers, List<InetSocketAddress> grpcDoors, int callsPerConnection) {

    /**
     * Calls per connection unless told otherwise: the server's own default
     * {@code --grpc-max-calls-per-connection}, so a farm packs its connections as full as the server allows.
     */
    static final int DEFAULT_CALLS_PER_CONNECTION = 4;

    private static final ReceiverDoors TCP = new ReceiverDoors(Receivers.TCP, List.of(), DEFAULT_CALLS_PER_CONNECTION);

    ReceiverDoors {
        grpcDoors = List.copyOf(grpcDoors);
        if (receivers != Receivers.TCP && grpcDoors.isEmpty()) {
            throw new IllegalArgumentException(receivers.label() + " receivers need the servers' gRPC addresses");
        }
        if (callsPerConnection < 1) {
            throw new IllegalArgumentException("at least one gRPC call per connection, not " + callsPerConnection);
        }
    }

    /** Every member on TCP: the tool as it was before the gRPC door. */
    static ReceiverDoors tcp() {
        return TCP;
    }

    /** Whether any member comes through the gRPC door. */
    boolean grpc() {
        return receivers != Receivers.TCP;
    }
}
