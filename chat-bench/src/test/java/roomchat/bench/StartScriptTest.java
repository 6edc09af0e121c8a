package roomchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The suite measures servers started the way users start them: through chat-server's start script
 * and the jar the build just packaged. A few lines through one such server, with its process's CPU
 * and memory read, keep that path working; so does one with its gRPC door on a port the tool chose,
 * its listeners on that door. It measures nothing.
 */
class StartScriptTest {

    private static final Path START_SCRIPT = Path.of("..", "chat-server", "bin", "roomchat-server");

    @Test
    void aServerStartedByTheScriptServesAWorkloadAndCanBeMeasured() throws Exception {
        Workload workload = new Workload("script", 1, 4, 2, 50, 0, 8, 10, Duration.ofSeconds(60));
        try (ClientTransport transport = new ClientTransport(1);
             ServerProcess server = new ServerLauncher(START_SCRIPT, null).start(Suite.SERVER_ARGS)) {
            Result result = new LoadRun(server.address(), workload, transport.group, transport.channelType,
                    server.probe()).run();

            assertThat(result.clean()).isTrue();
            assertThat(result.received()).isEqualTo(2L * 50 * 3);
            assertThat(result.serverRssKiB()).isPositive();
        }
    }

    @Test
    void aServerStartedWithItsGrpcDoorServesGrpcReceivers() throws Exception {
        Workload workload = new Workload("script-grpc", 1, 6, 2, 50, 0, 8, 10, Duration.ofSeconds(60));
        try (ClientTransport transport = new ClientTransport(1);
             Servers servers = Servers.start(new ServerLauncher(START_SCRIPT, null), Topology.single(), Suite.SERVER_ARGS,
                     2)) {
            assertThat(servers.grpcAddresses()).hasSize(1);
            ReceiverDoors doors = new ReceiverDoors(Receivers.GRPC, servers.grpcAddresses(), 2);

            Result result = Suite.measure(workload, servers, transport, doors);

            assertThat(result.clean()).isTrue();
            assertThat(result.received()).isEqualTo(2L * 50 * 5);
            assertThat(result.cpuMicrosPerDelivery()).isNotNull();
        }
    }
}
