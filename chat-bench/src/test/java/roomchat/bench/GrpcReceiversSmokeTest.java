package roomchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import roomchat.server.ChatServer;

/**
 * Keeps the gRPC receivers working: a tiny fan-out through a real server whose listeners come in
 * through its gRPC door (all of them, or every other one), senders on TCP, with every line delivered
 * to every listener and every sender's order kept. It measures nothing (docs/performance.md).
 */
class GrpcReceiversSmokeTest {

    /** Long enough for a few hundred lines on a busy machine; a run that loses lines fails at it. */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private ChatServer server;
    private InetSocketAddress address;
    private final ClientTransport transport = new ClientTransport(2);

    @BeforeEach
    void start() throws Exception {
        server = new ChatServer(LoadToolServers.withGrpc());
        address = server.start();
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Test
    void grpcListenersInTwoRoomsGetEveryLineInOrder() throws Exception {
        // Two rooms of 6, 2 senders each: 4 listeners a room, all on gRPC, 4 calls to a connection.
        Workload workload = new Workload("grpc-smoke", 2, 6, 2, 100, 0, 8, 20, LIMIT);
        LoadRun run = new LoadRun(List.of(address), workload, transport.group, transport.channelType, Probes.none(),
                new ReceiverDoors(Receivers.GRPC, List.of(server.grpcAddress()), 4));

        Result result = run.run();

        assertThat(run.grpcReceivers()).isEqualTo(2 * 4);
        assertThat(result.expected()).isEqualTo(2L * 2 * 100 * 5);
        assertThat(result.received()).isEqualTo(result.expected());
        assertThat(result.outOfOrder()).isZero();
        assertThat(result.p99Ms()).isPositive();
    }

    @Test
    void mixedListenersOneCallPerConnectionGetEveryLineInOrder() throws Exception {
        // One room of 7, 2 senders: listeners 2 to 6, of which 6 (the probe), 4 and 2 on gRPC.
        Workload workload = new Workload("mixed-smoke", 1, 7, 2, 100, 0, 8, 20, LIMIT);
        LoadRun run = new LoadRun(List.of(address), workload, transport.group, transport.channelType, Probes.none(),
                new ReceiverDoors(Receivers.MIXED, List.of(server.grpcAddress()), 1));

        Result result = run.run();

        assertThat(run.grpcReceivers()).isEqualTo(3);
        assertThat(result.clean()).isTrue();
        assertThat(result.received()).isEqualTo(2L * 100 * 6);
    }

    @Test
    void fixedRateSendersReachGrpcListeners() throws Exception {
        Workload workload = new Workload("grpc-rate", 1, 4, 2, 20, 200, 8, 0, LIMIT);
        LoadRun run = new LoadRun(List.of(address), workload, transport.group, transport.channelType, Probes.none(),
                new ReceiverDoors(Receivers.GRPC, List.of(server.grpcAddress()), 4));

        Result result = run.run();

        assertThat(result.clean()).isTrue();
        assertThat(result.received()).isEqualTo(2L * 20 * 3);
    }
}
