package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ServerConfig;

/**
 * A user who stops reading (a suspended nc) while 2.2 MB is said: the kernel's send buffer is fixed
 * (--socket-send-buffer), so what it gets when it wakes is bounded by the output cap, not by the
 * megabytes the kernel would otherwise take on its behalf.
 */
class StalledReaderEndToEndTest {

    /** What the reader's own kernel may hold: Linux's default receive buffer, with room to spare. */
    private static final long RECEIVE_BUFFER_ALLOWANCE = 256 * 1024;

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        config.slowConsumerTimeout = Duration.ofMinutes(5);
        config.ratePerSecond = 0;
    });

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    /**
     * What a reader who stopped gets when it reads again is bounded by the cap, the server's socket
     * send buffer and its own receive buffer, not by whatever the kernel would grow its buffers to.
     */
    @Test
    void aStalledReaderWakesToNoMoreThanTheCapAndTheSocketBuffers() throws Exception {
        LineClient stalled = clients.keep(LineClient.connectPaused(server.address()));
        stalled.send("stalled");
        LineClient sender = clients.login("sender");
        String kilobyte = "k".repeat(1000);
        for (int i = 0; i < 2200; i++) {
            sender.send(i + " " + kilobyte);
        }
        Clients.sync(sender);
        await().atMost(Duration.ofSeconds(20)).until(() -> server.server().droppedDeliveries() > 0);

        stalled.resume();
        Channel channel = server.channelOf(stalled);
        await().atMost(Duration.ofSeconds(20)).until(channel::isWritable);
        sender.send("marker");
        stalled.await("[lobby] sender: marker");
        long received = stalled.passed().stream().filter(line -> line.startsWith("[lobby] sender: "))
                .mapToLong(line -> line.length() + 1).sum();
        // Linux doubles SO_SNDBUF; one run of 64 lines may pass the cap; the reader's own receive buffer.
        long bound = ServerConfig.DEFAULT_MAX_PENDING_OUTPUT_BYTES + 2L * ServerConfig.DEFAULT_SOCKET_SEND_BUFFER_BYTES
                + 64 * 1024 + RECEIVE_BUFFER_ALLOWANCE;
        assertThat(received).isLessThanOrEqualTo(bound);
    }

}
