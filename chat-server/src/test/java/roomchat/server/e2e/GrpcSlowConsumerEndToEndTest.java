package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ServerConfig;
import roomchat.v1.ClientMessage;
import roomchat.v1.ServerEvent;

/**
 * A gRPC client that stops reading is a slow consumer like any other: the nc users chatting past it
 * get everything, its events are dropped and counted, and once its stream has stayed not ready for
 * the slow-consumer timeout its member leaves and the call ends with a status that says why.
 */
class GrpcSlowConsumerEndToEndTest {

    private static final long SLOW_CONSUMER_TIMEOUT_MS = 1_000;
    /** Beyond the timeout, for the server to notice and the leave to reach the talker on a busy machine. */
    private static final long MARGIN_MS = 4_000;
    /**
     * The talker sends lines of about 1 KB in batches this big, and between batches awaits the leave
     * this long: about 2 MB a second, which an nc reader keeps up with on a busy machine, while the
     * stalled call's flow-control windows (1 MiB each by default) fill within a second.
     */
    private static final int BATCH = 20;
    private static final Duration BETWEEN_BATCHES = Duration.ofMillis(10);
    private static final String LEFT = "[lobby] -- stalled has left";
    private static final String PADDING = "x".repeat(1000);

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        config.grpcPort = ServerConfig.ANY_FREE_PORT;
        config.slowConsumerTimeout = Duration.ofMillis(SLOW_CONSUMER_TIMEOUT_MS);
        // The talker sends as fast as it can: no flood rule.
        config.ratePerSecond = 0;
    });

    private final Clients clients = new Clients(server);
    private GrpcClient stalled;

    @AfterEach
    void disconnect() throws IOException, InterruptedException {
        clients.close();
        if (stalled != null) {
            stalled.close();
        }
    }

    @Test
    void aStalledCallCostsTheOthersNothingAndIsEndedAfterTheTimeout() throws Exception {
        stalled = GrpcClient.connectPaused(server.server().grpcAddress());
        stalled.send(ClientMessage.newBuilder().setName("stalled").build());
        LineClient talker = clients.login("talker");
        LineClient listener = clients.login("listener");
        await().atMost(LineClient.TIMEOUT).until(() -> server.server().registry().memberCount() == 3);

        // The talker chats until the stalled member leaves: a stream that is ready again (its client's
        // windows not full yet) is not stalled, so the chat must go on past what those windows hold.
        // The talker is not sent its own lines, so nothing crowds the leave out of its queue.
        long start = System.nanoTime();
        long giveUp = start + TimeUnit.MILLISECONDS.toNanos(SLOW_CONSUMER_TIMEOUT_MS + MARGIN_MS);
        int sent = 0;
        boolean left = false;
        while (!left && System.nanoTime() < giveUp) {
            for (int i = 0; i < BATCH; i++) {
                talker.send(sent++ + " " + PADDING);
            }
            for (String line = talker.poll(BETWEEN_BATCHES); line != null; line = talker.poll(Duration.ZERO)) {
                left |= line.equals(LEFT);
            }
        }
        assertThat(left).as("the stalled member left within %d ms", SLOW_CONSUMER_TIMEOUT_MS + MARGIN_MS).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(SLOW_CONSUMER_TIMEOUT_MS);

        for (int seq = 0; seq < sent; seq++) {
            String expected = "[lobby] talker: " + seq + " ";
            String line = listener.await(l -> l.startsWith("[lobby] talker: "), "line " + seq);
            assertThat(line).as("the listener's line %d of %d", seq, sent).startsWith(expected);
        }
        assertThat(server.server().droppedDeliveries()).as("events dropped for the stalled call").isPositive();

        // Reading again, it finds what was queued for it before it was given up, then why it was.
        stalled.resume();
        Status end = stalled.awaitEnd();
        assertThat(end.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(end.getDescription()).contains("slow consumer");
        long received = stalled.drained().stream()
                .filter(event -> event.hasRoomEvent() && event.getRoomEvent().hasSaid()).count();
        assertThat(received).isLessThan(sent);
        assertThat(stalled.drained()).noneMatch(ServerEvent::hasGoodbye);
    }
}
