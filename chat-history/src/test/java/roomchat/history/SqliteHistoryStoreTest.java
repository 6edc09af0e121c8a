package roomchat.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import roomchat.core.event.Happening;
import roomchat.core.event.RoomEvent;
import roomchat.core.history.HistoryStore;

class SqliteHistoryStoreTest {

    private static final Instant DAY_ONE = Instant.parse("2026-11-01T10:00:00Z");
    private static final Retention WEEK = new Retention(1_000, Duration.ofDays(7));

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private volatile Instant now;

        HandClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;

    private final HandClock clock = new HandClock(DAY_ONE);

    private SqliteHistoryStore open(Path file, Retention retention, int recentLines) throws HistoryFileException {
        return SqliteHistoryStore.open(file, retention, recentLines, SqliteHistoryStore.DEFAULT_QUEUE_LINES, clock);
    }

    private static RoomEvent said(String room, long seq, Instant at, String text) {
        return new RoomEvent(room, seq, at, "ann", null, new Happening.Said(text));
    }

    private static List<String> texts(List<RoomEvent> events) {
        return events.stream().map(SqliteHistoryStoreTest::text).toList();
    }

    private static String text(RoomEvent event) {
        if (event.what() instanceof Happening.Said said) {
            return said.text();
        } else if (event.what() instanceof Happening.Acted acted) {
            return "* " + acted.action();
        } else if (event.what() instanceof Happening.Relayed relayed) {
            return relayed.fromRoom() + ">" + relayed.text();
        }
        return "?";
    }

    private static List<RoomEvent> recent(HistoryStore store, String key, int count) throws Exception {
        return store.recent(key, count).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void linesSurviveReopeningInOrderWithTheirTimesAndKinds() throws Exception {
        Path file = dir.resolve("history.db");
        try (SqliteHistoryStore store = open(file, WEEK, 2)) {
            store.append("games", said("Games", 3, DAY_ONE, "hi"));
            store.append("games", new RoomEvent("Games", 5, DAY_ONE.plusSeconds(60), "bo", null, new Happening.Acted("waves")));
            store.append("games", new RoomEvent("Games", 6, DAY_ONE.plusSeconds(61), "cy", null,
                    new Happening.Relayed("lobby", "psst")));
            store.append("lobby", said("lobby", 1, DAY_ONE, "elsewhere"));
        }
        try (SqliteHistoryStore store = open(file, WEEK, 2)) {
            HistoryStore.Past games = store.resume("games");
            assertThat(games.lastSeq()).isEqualTo(6);
            assertThat(texts(games.recent())).containsExactly("* waves", "lobby>psst");
            assertThat(store.resume("games").recent()).as("taken once").isEmpty();
            assertThat(store.resume("nowhere")).isEqualTo(HistoryStore.Past.NONE);

            List<RoomEvent> all = recent(store, "games", 50);
            assertThat(texts(all)).containsExactly("hi", "* waves", "lobby>psst");
            assertThat(all).extracting(RoomEvent::seq).containsExactly(3L, 5L, 6L);
            assertThat(all.get(1).at()).isEqualTo(DAY_ONE.plusSeconds(60));
            assertThat(all.get(1).actor()).isEqualTo("bo");
            assertThat(all.get(0).room()).isEqualTo("Games");
            assertThat(store.written()).isZero();
        }
    }

    @Test
    void recentBeforeASeqReadsTheLinesJustOlderThanItInOrderAcrossAReopen() throws Exception {
        Path file = dir.resolve("h.db");
        try (SqliteHistoryStore store = open(file, WEEK, 20)) {
            for (int seq = 1; seq <= 120; seq += 2) { // odd numbers only: the bound need not be a stored line's
                store.append("games", said("games", seq, DAY_ONE, "line " + seq));
            }
            store.append("lobby", said("lobby", 50, DAY_ONE, "another room"));
        }
        try (SqliteHistoryStore store = open(file, WEEK, 20)) {
            List<RoomEvent> older = store.recent("games", 3, 51).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(older).extracting(RoomEvent::seq).containsExactly(45L, 47L, 49L);
            assertThat(texts(store.recent("games", 4, 50).toCompletableFuture().get(10, TimeUnit.SECONDS)))
                    .containsExactly("line 43", "line 45", "line 47", "line 49");
            assertThat(store.recent("games", 50, 6).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .as("fewer than asked: the room's first lines").extracting(RoomEvent::seq).containsExactly(1L, 3L, 5L);
            assertThat(store.recent("games", 50, 1).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(store.recent("games", 2, Long.MAX_VALUE).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .extracting(RoomEvent::seq).containsExactly(117L, 119L);
            store.append("games", said("games", 121, DAY_ONE, "still waiting"));
            assertThat(store.recent("games", 1, 122).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .as("a line still waiting is read too").extracting(RoomEvent::seq).containsExactly(121L);
        }
    }

    @Test
    void recentIncludesLinesStillWaitingAndAppendedNumbersAreResumed() throws Exception {
        try (SqliteHistoryStore store = open(dir.resolve("h.db"), WEEK, 20)) {
            for (int seq = 1; seq <= 300; seq++) {
                store.append("games", said("games", seq, DAY_ONE, "line " + seq));
            }
            assertThat(texts(recent(store, "games", 2))).containsExactly("line 299", "line 300");
            assertThat(store.written()).isEqualTo(300);
            assertThat(store.waiting()).isZero();
            assertThat(store.dropped()).isZero();
            assertThat(store.resume("games").lastSeq()).isEqualTo(300);
        }
    }

    @Test
    void aRoomThatWentAwayLeavesItsLatestLinesForWhenItIsMadeAgain() throws Exception {
        try (SqliteHistoryStore store = open(dir.resolve("h.db"), WEEK, 20)) {
            store.append("games", said("games", 4, DAY_ONE, "bye"));
            store.suspend("games", List.of(said("games", 4, DAY_ONE, "bye")));
            assertThat(store.resume("games")).isEqualTo(new HistoryStore.Past(4, List.of(said("games", 4, DAY_ONE, "bye"))));
        }
    }

    @Test
    void aBusyRoomIsTrimmedOncePerRunsWorthOfLinesAndTheFileStaysWithinItsCountPlusThat() throws Exception {
        Path file = dir.resolve("h.db");
        int keep = 10;
        int lines = 5 * SqliteHistoryStore.MAX_RUN;
        try (SqliteHistoryStore store = open(file, new Retention(keep, Duration.ofDays(7)), 20)) {
            for (int seq = 1; seq <= lines; seq++) {
                store.append("games", said("games", seq, DAY_ONE, "g" + seq));
                if (seq % 100 == 0) {
                    // Readers see the count kept, trimmed or not yet; and this writes what waits.
                    assertThat(recent(store, "games", 50)).hasSize(keep).last().extracting(SqliteHistoryStoreTest::text)
                            .isEqualTo("g" + seq);
                }
            }
            recent(store, "games", 1);
            assertThat(store.written()).isEqualTo(lines);
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = raw.createStatement();
             java.sql.ResultSet count = statement.executeQuery("SELECT count(*) FROM events")) {
            count.next();
            assertThat(count.getLong(1)).isBetween((long) keep, (long) keep + SqliteHistoryStore.MAX_RUN);
        }
    }

    @Test
    void aWriterThatFallsBehindDropsTheOldestWaitingLinesFromTheStoreAndCountsThem() throws Exception {
        java.util.concurrent.CountDownLatch disk = new java.util.concurrent.CountDownLatch(1);
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir.resolve("h.db"), WEEK, 20, 4, clock)) {
            // The writer is held as a slow disk would hold it; the chat goes on saying lines.
            java.util.concurrent.CompletableFuture<Void> held = store.onStoreThread(() -> {
                try {
                    disk.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int seq = 1; seq <= 10; seq++) {
                store.append("games", said("games", seq, DAY_ONE, "g" + seq));
            }
            assertThat(store.dropped()).isEqualTo(6);
            disk.countDown();
            held.get(10, TimeUnit.SECONDS);
            assertThat(texts(recent(store, "games", 50))).containsExactly("g7", "g8", "g9", "g10");
            assertThat(store.written()).isEqualTo(4);
            assertThat(store.resume("games").lastSeq()).isEqualTo(10);
        }
    }

    @Test
    void eachRoomKeepsItsLastLinesUpToTheCount() throws Exception {
        Path file = dir.resolve("h.db");
        try (SqliteHistoryStore store = open(file, new Retention(3, Duration.ofDays(7)), 20)) {
            for (int seq = 1; seq <= 5; seq++) {
                store.append("games", said("games", seq * 2, DAY_ONE, "g" + seq));
                store.append("lobby", said("lobby", seq, DAY_ONE, "l" + seq));
            }
            assertThat(texts(recent(store, "games", 50))).containsExactly("g3", "g4", "g5");
            assertThat(texts(recent(store, "lobby", 50))).containsExactly("l3", "l4", "l5");
        }
        try (SqliteHistoryStore store = open(file, new Retention(3, Duration.ofDays(7)), 20)) {
            assertThat(store.resume("games").lastSeq()).isEqualTo(10);
            assertThat(texts(store.resume("lobby").recent())).containsExactly("l3", "l4", "l5");
        }
    }

    @Test
    void linesOlderThanTheAgeGoWhileRunningAndAtStart() throws Exception {
        Path file = dir.resolve("h.db");
        Retention week = new Retention(1_000, Duration.ofDays(7));
        try (SqliteHistoryStore store = open(file, week, 20)) {
            store.append("games", said("games", 1, DAY_ONE, "day one"));
            store.append("games", said("games", 2, DAY_ONE.plus(Duration.ofDays(3)), "day four"));
            store.append("games", said("games", 3, DAY_ONE.plus(Duration.ofDays(6)), "day seven"));
            clock.advance(Duration.ofDays(7).plusMinutes(1));
            store.pruneNow().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(texts(recent(store, "games", 50))).containsExactly("day four", "day seven");
        }
        clock.advance(Duration.ofDays(3));
        try (SqliteHistoryStore store = open(file, week, 20)) {
            assertThat(texts(store.resume("games").recent())).containsExactly("day seven");
            assertThat(store.resume("games").lastSeq()).isEqualTo(3);
        }
    }

    @Test
    void storedEscapeSequencesComeBackNeutralised() throws Exception {
        Path file = dir.resolve("h.db");
        open(file, WEEK, 20).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = raw.createStatement()) {
            statement.execute("INSERT INTO events VALUES ('games', 1, " + DAY_ONE.toEpochMilli()
                    + ", 'games', 'ev\u001bil', 'said', 'x\u001b]0;owned\u0007\u001b[2Jy\u202e', NULL)");
        }
        try (SqliteHistoryStore store = open(file, WEEK, 20)) {
            RoomEvent line = recent(store, "games", 1).get(0);
            assertThat(texts(List.of(line))).containsExactly("x]0;owned[2Jy");
            assertThat(line.actor()).isEqualTo("evil");
            assertThat(texts(store.resume("games").recent())).containsExactly("x]0;owned[2Jy");
        }
    }

    @Test
    void aFileNotAnSqliteDatabaseIsRefused() throws Exception {
        Path file = dir.resolve("garbage.db");
        Files.writeString(file, "this is not a database, just some text that is long enough to have a header ".repeat(20));
        assertThatThrownBy(() -> open(file, WEEK, 20)).isInstanceOf(HistoryFileException.class)
                .hasMessage(file + ": is not a roomchat history database (not an SQLite file)");
    }

    @Test
    void anSqliteDatabaseOfSomethingElseIsRefused() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = raw.createStatement()) {
            statement.execute("CREATE TABLE invoices (id INTEGER)");
        }
        assertThatThrownBy(() -> open(file, WEEK, 20)).isInstanceOf(HistoryFileException.class)
                .hasMessage(file + ": is not a roomchat history database");
    }

    @Test
    void aFileAnotherStoreHoldsIsRefused() throws Exception {
        Path file = dir.resolve("h.db");
        try (SqliteHistoryStore first = open(file, WEEK, 20)) {
            assertThatThrownBy(() -> open(file, WEEK, 20)).isInstanceOf(HistoryFileException.class)
                    .hasMessage(file + ": is locked by another process (is another server using it?)");
        }
        open(file, WEEK, 20).close();
    }

    @Test
    void aFileInADirectoryThatDoesNotExistIsRefused() {
        Path file = dir.resolve("missing").resolve("h.db");
        assertThatThrownBy(() -> open(file, WEEK, 20)).isInstanceOf(HistoryFileException.class)
                .hasMessageStartingWith(file + ": can't be opened or created");
    }
}
