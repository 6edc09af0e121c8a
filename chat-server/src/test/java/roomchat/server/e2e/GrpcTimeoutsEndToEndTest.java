package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ServerConfig;
import roomchat.v1.ClientMessage;
import roomchat.v1.ListRooms;
import roomchat.v1.ServerEvent;

/**
 * The gRPC door's deadlines, as nc users have them: a call without a name is ended at the name
 * deadline counted from its start, whatever it sends; a named call is ended after the idle limit
 * without input, and its member leaves. Each is told why in a typed goodbye, in nc's words.
 */
class GrpcTimeoutsEndToEndTest {

    private static final long NAME_TIMEOUT_MS = 800;
    private static final long IDLE_TIMEOUT_MS = 1500;
    /** How often the busy clients below send something: well inside both limits. */
    private static final long PACE_MS = 200;
    /** Well past the deadlines, well short of the client's own timeout: a call still open then was kept alive. */
    private static final long TOO_LATE_MS = 4_000;

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        config.grpcPort = ServerConfig.ANY_FREE_PORT;
        config.nameTimeout = Duration.ofMillis(NAME_TIMEOUT_MS);
        config.idleTimeout = Duration.ofMillis(IDLE_TIMEOUT_MS);
    });

    /** Paces what a busy client sends. */
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private GrpcClient bot;

    @AfterEach
    void disconnect() throws InterruptedException {
        pacer.shutdownNow();
        if (bot != null) {
            bot.close();
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static boolean isGoodbye(ServerEvent event, String text) {
        return event.hasGoodbye() && event.getGoodbye().getText().equals(text);
    }

    @Test
    void aCallWithoutANameIsToldAndEndedAtTheNameDeadline() throws Exception {
        long start = System.nanoTime();
        bot = GrpcClient.connect(server.server().grpcAddress());
        bot.await(ServerEvent::hasNamePrompt);
        bot.await(event -> isGoodbye(event, "disconnected: no name chosen in 800ms"));
        assertThat(millisSince(start)).isBetween(NAME_TIMEOUT_MS, TOO_LATE_MS);
        assertThat(bot.awaitEnd().isOk()).isTrue();
    }

    @Test
    void badNamesDoNotPutOffTheNameDeadline() throws Exception {
        long start = System.nanoTime();
        bot = GrpcClient.connect(server.server().grpcAddress());
        bot.await(ServerEvent::hasNamePrompt);
        pacer.scheduleAtFixedRate(() -> bot.send(ClientMessage.newBuilder().setName("no/such/name").build()),
                0, PACE_MS, TimeUnit.MILLISECONDS);
        bot.await(event -> isGoodbye(event, "disconnected: no name chosen in 800ms"));
        assertThat(millisSince(start)).isBetween(NAME_TIMEOUT_MS, TOO_LATE_MS);
        // The bad names were answered meanwhile: they reached the session, and still did not help.
        assertThat(bot.passed()).anyMatch(ServerEvent::hasError);
        assertThat(bot.awaitEnd().isOk()).isTrue();
    }

    @Test
    void aNamedCallThatSendsNothingIsEndedAfterTheIdleLimitAndItsMemberLeaves() throws Exception {
        bot = GrpcClient.connect(server.server().grpcAddress());
        bot.await(ServerEvent::hasNamePrompt);
        bot.send(ClientMessage.newBuilder().setName("sleepy").build());
        bot.await(ServerEvent::hasNamed);
        long named = System.nanoTime();
        bot.await(event -> isGoodbye(event, "disconnected: idle for 1500ms"));
        assertThat(millisSince(named)).isBetween(IDLE_TIMEOUT_MS - 100, TOO_LATE_MS);
        assertThat(bot.awaitEnd().isOk()).isTrue();
        await().atMost(LineClient.TIMEOUT).until(() -> server.server().registry().memberCount() == 0);
    }

    @Test
    void messagesPutTheIdleLimitOff() throws Exception {
        bot = GrpcClient.connect(server.server().grpcAddress());
        bot.await(ServerEvent::hasNamePrompt);
        bot.send(ClientMessage.newBuilder().setName("busy").build());
        bot.await(ServerEvent::hasNamed);
        long named = System.nanoTime();
        // Busy for twice the limit, then quiet.
        AtomicLong lastSent = new AtomicLong(named);
        long busyUntil = named + TimeUnit.MILLISECONDS.toNanos(2 * IDLE_TIMEOUT_MS);
        pacer.scheduleAtFixedRate(() -> {
            if (System.nanoTime() < busyUntil) {
                bot.send(ClientMessage.newBuilder().setListRooms(ListRooms.getDefaultInstance()).build());
                lastSent.set(System.nanoTime());
            }
        }, PACE_MS, PACE_MS, TimeUnit.MILLISECONDS);
        bot.await(event -> isGoodbye(event, "disconnected: idle for 1500ms"));
        long told = System.nanoTime();
        assertThat(TimeUnit.NANOSECONDS.toMillis(told - named)).isGreaterThanOrEqualTo(2 * IDLE_TIMEOUT_MS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(told - lastSent.get())).isGreaterThanOrEqualTo(IDLE_TIMEOUT_MS - 100);
        Status end = bot.awaitEnd();
        assertThat(end.isOk()).isTrue();
    }
}
