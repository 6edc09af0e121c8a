package roomchat.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracker's watch over a connection whose output backs up, on the embedded channel's frozen clock. */
class ConnectionTrackerTest {

    private static final Duration SLOW_CONSUMER_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionTracker tracker = new ConnectionTracker(10, 10, Duration.ZERO, Duration.ZERO, SLOW_CONSUMER_TIMEOUT);
    private final EmbeddedChannel channel = new EmbeddedChannel(tracker);

    ConnectionTrackerTest() {
        channel.freezeTime();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void writable(boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        channel.runPendingTasks();
    }

    private void advance(Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
    }

    @Test
    void aConnectionOverItsMarkStopsReadingAndIsClosedIfItStaysOver() {
        writable(false);
        assertThat(channel.config().isAutoRead()).isFalse();

        advance(SLOW_CONSUMER_TIMEOUT.minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        advance(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(Connections.closeReason(channel)).isEqualTo(CloseReason.SLOW_CONSUMER);
        assertThat(tracker.disconnects()).containsEntry(CloseReason.SLOW_CONSUMER, 1L);
    }

    @Test
    void oneThatDrainsInTimeReadsAgainAndStaysOpen() {
        writable(false);
        advance(SLOW_CONSUMER_TIMEOUT.minusSeconds(1));
        writable(true);
        assertThat(channel.config().isAutoRead()).isTrue();

        advance(SLOW_CONSUMER_TIMEOUT.multipliedBy(2));
        assertThat(channel.isOpen()).isTrue();

        // Backing up again starts a new wait, of the whole timeout.
        writable(false);
        advance(SLOW_CONSUMER_TIMEOUT.minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        advance(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void theWatchEndsWithTheConnection() {
        writable(false);
        channel.close();
        assertThat(channel.runScheduledPendingTasks()).isEqualTo(-1);
        assertThat(Connections.closeReason(channel)).isEqualTo(CloseReason.CLOSED_BY_CLIENT);
    }
}
