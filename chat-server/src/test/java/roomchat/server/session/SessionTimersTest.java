package roomchat.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;
import roomchat.server.tcp.PipelineHarness;

/**
 * The session's timers on a whole TCP pipeline, on the embedded channel's frozen clock: the name
 * deadline, which nothing puts off, and the idle limit, which each input restarts.
 */
class SessionTimersTest {

    private static final Duration NAME_LIMIT = Duration.ofSeconds(60);
    private static final Duration IDLE_LIMIT = Duration.ofSeconds(10);

    private final PipelineHarness harness = new PipelineHarness(config -> {
        config.nameTimeout = NAME_LIMIT;
        config.idleTimeout = IDLE_LIMIT;
    });

    @AfterEach
    void close() {
        harness.close();
    }

    /** Moves the clock on, runs the timers due, then what they queued (the flush of a goodbye). */
    private void advance(Duration time) {
        harness.channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        harness.channel.runPendingTasks();
        harness.channel.runPendingTasks();
    }

    @Test
    void theNameDeadlineComesWhateverIsSent() {
        // The deadline was set when the channel opened, a moment before the clock stopped here.
        harness.channel.freezeTime();
        harness.sent();
        for (int i = 0; i < 5; i++) {
            advance(Duration.ofSeconds(10));
            harness.receive("bad name " + i + "\n");
        }
        advance(Duration.ofSeconds(9));
        assertThat(harness.channel.isOpen()).isTrue();

        advance(Duration.ofSeconds(1));
        assertThat(harness.sent()).contains("* disconnected: no name chosen in 1m");
        assertThat(harness.channel.isOpen()).isFalse();
        assertThat(Connections.closeReason(harness.channel)).isEqualTo(CloseReason.NO_NAME);
    }

    @Test
    void aNamedConnectionIsClosedWhenIdleForTheLimitAndNotBefore() {
        harness.channel.freezeTime();
        harness.receive("alice\n");
        harness.sent();

        advance(IDLE_LIMIT.minusMillis(1));
        assertThat(harness.channel.isOpen()).isTrue();

        advance(Duration.ofMillis(1));
        assertThat(harness.sent()).containsExactly("* disconnected: idle for 10s");
        assertThat(harness.channel.isOpen()).isFalse();
        assertThat(Connections.closeReason(harness.channel)).isEqualTo(CloseReason.IDLE);
        assertThat(harness.registry.memberCount()).isZero();
    }

    @Test
    void anInputRestartsTheIdleClock() {
        harness.channel.freezeTime();
        harness.receive("alice\n");
        advance(Duration.ofSeconds(6));
        // A command answered at once: a chat line would also come back through the dispatcher's thread.
        harness.receive(":h\n");
        harness.sent();

        // The check set for the first limit finds the input, and waits for the rest of the new one.
        advance(Duration.ofSeconds(4));
        advance(Duration.ofSeconds(6).minusMillis(1));
        assertThat(harness.channel.isOpen()).isTrue();
        assertThat(harness.sent()).isEmpty();

        advance(Duration.ofMillis(1));
        assertThat(harness.sent()).containsExactly("* disconnected: idle for 10s");
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void aBlankLineIsNoInputAndDoesNotRestartTheClock() {
        harness.channel.freezeTime();
        harness.receive("alice\n");
        advance(Duration.ofSeconds(6));
        harness.receive("\n   \n");
        harness.sent();

        advance(Duration.ofSeconds(4));
        assertThat(harness.sent()).containsExactly("* disconnected: idle for 10s");
    }
}
