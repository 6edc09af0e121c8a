package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import roomchat.core.event.Happening;
import roomchat.core.event.RoomEvent;
import roomchat.history.Retention;
import roomchat.history.SqliteHistoryStore;

/**
 * A server with {@code --history-db} killed with SIGKILL in the middle of a steady stream of lines:
 * its file opens again, holds the lines in order with no gap, and holds every line that reached a
 * member more than {@link #LOSS_BOUND} before the kill. The server runs in a process of its own.
 */
class HistoryCrashEndToEndTest {

    /** What a crash may lose at most: the lines of the last second. */
    private static final Duration LOSS_BOUND = Duration.ofSeconds(1);
    /** How long the stream runs before the kill: well past the bound, so that it is tested. */
    private static final Duration STREAM = Duration.ofMillis(2_500);
    /** Lines sent ahead of what the listener has received: keeps the stream steady and the server busy. */
    private static final int WINDOW = 200;
    private static final int MOST_LINES = 2_000_000;

    @TempDir
    Path dir;

    @Test
    void aKilledServerLosesAtMostTheLastSecondAndItsFileStaysWhole() throws Exception {
        Path file = dir.resolve("history.db");
        long[] receivedAt = new long[MOST_LINES + 1];
        int received = 0;
        long killedAt;
        try (ChildServer server = ChildServer.start(List.of(), false, "--history-db", file.toString(),
                "--history-keep", "" + MOST_LINES, "--rate", "0");
             LineClient alice = LineClient.login(new InetSocketAddress("127.0.0.1", server.port()), "alice");
             LineClient bob = LineClient.login(new InetSocketAddress("127.0.0.1", server.port()), "bob")) {
            int sent = 0;
            while (sent < WINDOW) {
                alice.send("line " + ++sent);
            }
            long start = System.nanoTime();
            while (System.nanoTime() - start < STREAM.toNanos()) {
                bob.await("[lobby] alice: line " + (received + 1));
                receivedAt[++received] = System.nanoTime();
                alice.send("line " + ++sent);
            }
            killedAt = System.nanoTime();
            server.process().destroyForcibly(); // SIGKILL
            assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        List<RoomEvent> stored;
        try (SqliteHistoryStore store = SqliteHistoryStore.open(file, new Retention(MOST_LINES, Duration.ofDays(7)), 0,
                SqliteHistoryStore.DEFAULT_QUEUE_LINES, Clock.systemUTC())) {
            stored = store.recent("lobby", MOST_LINES).toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        int kept = stored.size();
        for (int i = 0; i < kept; i++) {
            assertThat(((Happening.Said) stored.get(i).what()).text()).as("stored line %d", i + 1).isEqualTo("line " + (i + 1));
        }
        int dueBeforeTheBound = 0;
        while (dueBeforeTheBound < received && receivedAt[dueBeforeTheBound + 1] <= killedAt - LOSS_BOUND.toNanos()) {
            dueBeforeTheBound++;
        }
        long oldestLostMs = kept < received ? TimeUnit.NANOSECONDS.toMillis(killedAt - receivedAt[kept + 1]) : 0;
        System.out.printf("kill -9 after %d lines received: %d stored, %d received and lost, the oldest of them %d ms"
                + " before the kill%n", received, kept, Math.max(0, received - kept), oldestLostMs);
        assertThat(kept).as("lines stored of %d received", received).isGreaterThanOrEqualTo(dueBeforeTheBound);
        assertThat(dueBeforeTheBound).as("lines received a second before the kill").isPositive();

        try (ChildServer again = ChildServer.start(List.of(), false, "--history-db", file.toString());
             LineClient carol = LineClient.login(new InetSocketAddress("127.0.0.1", again.port()), "carol")) {
            carol.await(line -> line.endsWith("[lobby] alice: line " + kept), "the last line stored, replayed");
            carol.await("* live chat starts");
        }
    }
}
