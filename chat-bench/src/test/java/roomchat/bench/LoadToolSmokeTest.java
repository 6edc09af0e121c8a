package roomchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import roomchat.server.ChatServer;

/**
 * Keeps the load tool working: a few hundred lines through a real server, windowed and at a fixed
 * rate, with nothing lost and every sender's order kept. It measures nothing: benchmarks run on
 * demand (docs/performance.md).
 */
class LoadToolSmokeTest {

    private ChatServer server;
    private InetSocketAddress address;
    private final ClientTransport transport = new ClientTransport(2);

    @BeforeEach
    void start() throws Exception {
        server = new ChatServer(LoadToolServers.config());
        address = server.start();
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Test
    void windowedSendersInTwoRoomsLoseNothing() throws Exception {
        Workload workload = new Workload("smoke", 2, 6, 2, 100, 0, 8, 20, Duration.ofSeconds(60));
        Result result = new LoadRun(address, workload, transport.group, transport.channelType, null).run();
        assertThat(result.expected()).isEqualTo(2L * 2 * 100 * 5);
        assertThat(result.received()).isEqualTo(result.expected());
        assertThat(result.outOfOrder()).isZero();
        assertThat(result.p99Ms()).isPositive();
    }

    @Test
    void fixedRateSendersLoseNothing() throws Exception {
        Workload workload = new Workload("smoke-rate", 1, 4, 2, 20, 200, 8, 0, Duration.ofSeconds(60));
        Result result = new LoadRun(address, workload, transport.group, transport.channelType, null).run();
        assertThat(result.clean()).isTrue();
        assertThat(result.received()).isEqualTo(2L * 20 * 3);
    }
}
