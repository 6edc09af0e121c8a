package roomchat.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.event.RoomEvent;
import roomchat.core.history.HistoryStore;

/**
 * Rooms' history in an SQLite file ({@link HistoryFile}), kept across restarts within a
 * {@link Retention}.
 *
 * <p><b>Threads.</b> One thread of its own ({@code history-store}) does every read and write of the
 * file. {@link #append} (on an event loop, under a room's log lock) only puts the line in a bounded
 * queue and, if no write is scheduled, schedules one; the thread then writes whatever waits, in runs
 * of at most {@link #MAX_RUN} lines, each run one transaction. So the lines a burst brings are
 * written together, and a line waits in the queue only while the runs before it are written. When
 * the queue is full (the disk is slower than the chat), the oldest waiting line is dropped from the
 * store, not from delivery, and counted ({@link #dropped}). {@link #resume} and {@link #suspend}
 * use maps in memory (concurrent), filled at start; {@link #recent} writes what waits, then reads,
 * on the store's thread.
 *
 * <p><b>What a crash loses.</b> A committed run survives kill -9 (WAL, {@code synchronous=NORMAL}:
 * the commit is in the log the operating system holds); what is lost is what was still in the queue
 * or in the run being written, which under load is the last run's time of lines, far below a second.
 */
public final class SqliteHistoryStore implements HistoryStore {

    /** Lines waiting to be written at most, unless told otherwise: beyond them the oldest are dropped. */
    public static final int DEFAULT_QUEUE_LINES = 65_536;
    /** The most lines one transaction writes: a run must not keep {@link #recent} waiting long. */
    static final int MAX_RUN = 1_024;
    /** How often lines older than the retention's age are deleted (also at start). */
    static final long AGE_PRUNE_INTERVAL_MS = 60_000;
    /** How long closing waits for the waiting lines to be written. */
    static final long CLOSE_TIMEOUT_MS = 5_000;

    private static final Logger log = LoggerFactory.getLogger(SqliteHistoryStore.class);

    private final Path file;
    private final Connection connection;
    private final Retention retention;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final ArrayBlockingQueue<Line> waiting;
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    /** The last number of a line stored or handed in, by room key: where a room made again goes on. */
    private final Map<String, Long> lastSeqs = new ConcurrentHashMap<>();
    /**
     * Lines the file holds of each room at most, by room key (counted at start, then by what is
     * written; deleting old lines makes it an overcount): a room is trimmed only once it may hold
     * {@link #MAX_RUN} lines more than it keeps, so that a trim's cost (a walk of the lines kept) is
     * paid once per that many lines, not once per write. Confined to the store's thread.
     */
    private final Map<String, Long> storedAtMost = new HashMap<>();
    /** The latest lines of rooms that do not exist now, by room key: read at start, left by rooms that went. */
    private final Map<String, List<RoomEvent>> dormant = new ConcurrentHashMap<>();
    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    /** Confined to the store's thread. */
    private final PreparedStatement insert;
    private final PreparedStatement trim;
    private final PreparedStatement latest;

    /** A line waiting to be written. */
    private record Line(String roomKey, RoomEvent event) {
    }

    private SqliteHistoryStore(Path file, Connection connection, Retention retention, Clock clock, int queueLines)
            throws SQLException {
        this.file = file;
        this.connection = connection;
        this.retention = retention;
        this.clock = clock;
        this.waiting = new ArrayBlockingQueue<>(queueLines);
        this.insert = connection.prepareStatement(StoredEvents.INSERT);
        this.trim = connection.prepareStatement("DELETE FROM events WHERE room_key = ? AND seq <= "
                + "(SELECT seq FROM events WHERE room_key = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)");
        // Within the room's last lines kept: a room is trimmed only now and then (see storedAtMost).
        this.latest = connection.prepareStatement("SELECT " + StoredEvents.COLUMNS + " FROM (SELECT * FROM events"
                + " WHERE room_key = ? ORDER BY seq DESC LIMIT ?) WHERE seq < ? ORDER BY seq DESC LIMIT ?");
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "history-store");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens {@code file} (made if new), deletes what is past {@code retention}, and reads each room's
     * last number and its last {@code recentLines} lines (what a newcomer is replayed), so that rooms
     * can resume without waiting on the file. At most {@code queueLines} lines wait to be written.
     */
    public static SqliteHistoryStore open(Path file, Retention retention, int recentLines, int queueLines, Clock clock)
            throws HistoryFileException {
        Connection connection = HistoryFile.open(file);
        try {
            SqliteHistoryStore store = new SqliteHistoryStore(file, connection, retention, clock, queueLines);
            store.pruneByAge();
            store.load(recentLines);
            store.thread.scheduleWithFixedDelay(store::pruneQuietly, AGE_PRUNE_INTERVAL_MS, AGE_PRUNE_INTERVAL_MS,
                    TimeUnit.MILLISECONDS);
            return store;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The read's failure is the one to report.
            }
            throw new HistoryFileException(file, "can't be read: " + e.getMessage(), e);
        }
    }

    private void load(int recentLines) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT room_key, max(seq), count(*) FROM events GROUP BY room_key")) {
            while (rows.next()) {
                lastSeqs.put(rows.getString(1), rows.getLong(2));
                storedAtMost.put(rows.getString(1), rows.getLong(3));
            }
        }
        if (recentLines == 0) {
            connection.commit();
            return;
        }
        Map<String, List<RoomEvent>> recent = new HashMap<>();
        String sql = "SELECT room_key, " + StoredEvents.COLUMNS + " FROM (SELECT *, row_number() OVER"
                + " (PARTITION BY room_key ORDER BY seq DESC) AS newness FROM events) WHERE newness <= ?"
                + " ORDER BY room_key, seq";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            // No more than the room keeps: lines past its count may still be in the file (see storedAtMost).
            select.setInt(1, Math.min(recentLines, retention.linesPerRoom()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    RoomEvent event = StoredEvents.read(rows, 1);
                    if (event != null) {
                        recent.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(event);
                    }
                }
            }
        }
        connection.commit();
        dormant.putAll(recent);
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public Past resume(String roomKey) {
        List<RoomEvent> recent = dormant.remove(roomKey);
        long lastSeq = lastSeqs.getOrDefault(roomKey, 0L);
        return new Past(lastSeq, recent == null ? List.of() : recent);
    }

    @Override
    public void append(String roomKey, RoomEvent event) {
        lastSeqs.merge(roomKey, event.seq(), Math::max);
        Line line = new Line(roomKey, event);
        while (!waiting.offer(line)) {
            if (waiting.poll() != null) {
                dropped.increment();
            }
        }
        if (writeScheduled.compareAndSet(false, true)) {
            try {
                thread.execute(this::writeScheduled);
            } catch (RejectedExecutionException closed) {
                dropped.increment(); // said while the server stops: after the last write
            }
        }
    }

    @Override
    public void suspend(String roomKey, List<RoomEvent> recent) {
        if (!recent.isEmpty()) {
            dormant.put(roomKey, List.copyOf(recent));
        }
    }

    @Override
    public CompletionStage<List<RoomEvent>> recent(String roomKey, int count, long beforeSeq) {
        return CompletableFuture.supplyAsync(() -> {
            writeWaiting();
            try {
                return read(roomKey, count, beforeSeq);
            } catch (SQLException e) {
                throw new IllegalStateException("reading " + file + " failed", e);
            }
        }, thread);
    }

    /**
     * The last {@code count} lines below {@code beforeSeq} of the room's last lines kept. The primary key
     * (room_key, seq) serves it: the read walks back from the room's newest line, at most the count kept.
     */
    private List<RoomEvent> read(String roomKey, int count, long beforeSeq) throws SQLException {
        List<RoomEvent> events = new ArrayList<>(count);
        latest.setString(1, roomKey);
        latest.setInt(2, retention.linesPerRoom());
        latest.setLong(3, beforeSeq);
        latest.setInt(4, count);
        try (ResultSet rows = latest.executeQuery()) {
            while (rows.next()) {
                RoomEvent event = StoredEvents.read(rows, 0);
                if (event != null) {
                    events.add(event);
                }
            }
        }
        connection.commit();
        Collections.reverse(events);
        return events;
    }

    private void writeScheduled() {
        // Cleared first: a line appended from now on schedules another write, at worst one that finds nothing.
        writeScheduled.set(false);
        writeWaiting();
    }

    /** Writes every line waiting, a run at a time. On the store's thread. */
    private void writeWaiting() {
        List<Line> run = new ArrayList<>(Math.min(waiting.size(), MAX_RUN));
        while (waiting.drainTo(run, MAX_RUN) > 0) {
            write(run);
            run.clear();
        }
    }

    /**
     * Writes {@code run} in one transaction, trimming to the retention's count each of its rooms
     * that may now hold a run's worth more than that.
     */
    private void write(List<Line> run) {
        try {
            Map<String, Long> counts = new HashMap<>();
            for (Line line : run) {
                StoredEvents.bind(insert, line.roomKey(), line.event());
                insert.addBatch();
                counts.merge(line.roomKey(), 1L, Long::sum);
            }
            insert.executeBatch();
            Set<String> trimmed = new HashSet<>();
            for (Map.Entry<String, Long> room : counts.entrySet()) {
                long atMost = storedAtMost.getOrDefault(room.getKey(), 0L) + room.getValue();
                if (atMost > (long) retention.linesPerRoom() + MAX_RUN) {
                    trim.setString(1, room.getKey());
                    trim.setString(2, room.getKey());
                    trim.setInt(3, retention.linesPerRoom());
                    trim.executeUpdate();
                    trimmed.add(room.getKey());
                }
            }
            connection.commit();
            counts.forEach((room, added) -> storedAtMost.merge(room, added, Long::sum));
            trimmed.forEach(room -> storedAtMost.put(room, (long) retention.linesPerRoom()));
            written.add(run.size());
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            dropped.add(run.size());
            log.warn("{} lines of history could not be written to {}: {}", run.size(), file, e.getMessage());
        }
    }

    /**
     * Deletes the lines older than the retention's age. A room's lines grow older with their seq, so
     * each room's are walked in the primary key's order from its oldest, up to its first line young
     * enough: the walk costs what it deletes, and no index by age is kept. On the store's thread, or
     * before it starts.
     */
    void pruneByAge() throws SQLException {
        List<String> rooms = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet keys = statement.executeQuery("SELECT DISTINCT room_key FROM events")) {
            while (keys.next()) {
                rooms.add(keys.getString(1));
            }
        }
        long oldest = clock.instant().minus(retention.maxAge()).toEpochMilli();
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM events WHERE room_key = ?1 AND seq <"
                + " coalesce((SELECT seq FROM events WHERE room_key = ?1 AND at_ms >= ?2 ORDER BY seq LIMIT 1),"
                + " (SELECT max(seq) + 1 FROM events WHERE room_key = ?1))")) {
            for (String room : rooms) {
                delete.setString(1, room);
                delete.setLong(2, oldest);
                delete.executeUpdate();
            }
        }
        connection.commit();
    }

    private void pruneQuietly() {
        try {
            pruneByAge();
        } catch (SQLException e) {
            rollbackQuietly();
            log.warn("old history could not be deleted from {}: {}", file, e.getMessage());
        }
    }

    /** Deletes old lines now, on the store's thread, once the lines waiting are written; for tests. */
    CompletionStage<Void> pruneNow() {
        return CompletableFuture.runAsync(() -> {
            writeWaiting();
            pruneQuietly();
        }, thread);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.warn("rolling back {} failed: {}", file, e.getMessage());
        }
    }

    /** Lines handed in and not yet written: how far the store is behind the chat. */
    public int waiting() {
        return waiting.size();
    }

    /** Lines written so far. */
    public long written() {
        return written.sum();
    }

    /** Runs {@code task} on the store's thread, after what was handed to it before: for tests, to hold the writer. */
    CompletableFuture<Void> onStoreThread(Runnable task) {
        return CompletableFuture.runAsync(task, thread);
    }

    /** Lines dropped from the store so far (never from delivery): the queue was full, or a write failed. */
    public long dropped() {
        return dropped.sum();
    }

    /**
     * Writes what waits, copies the log back into the file, and closes it (which lets go of its lock).
     * Lines appended after this are not stored.
     */
    @Override
    public void close() {
        CompletableFuture<Void> closed = CompletableFuture.runAsync(this::finish, thread);
        thread.shutdown();
        try {
            closed.get(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("closing {} did not finish: {}", file, e.toString());
        }
    }

    private void finish() {
        writeWaiting();
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            log.warn("checkpointing {} failed: {}", file, e.getMessage());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing {} failed: {}", file, e.getMessage());
        }
    }
}
