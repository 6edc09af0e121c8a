package roomchat.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opens the SQLite file of {@code --history-db} for one server, or says in one line why it can't.
 *
 * <p>The connection is in WAL mode with {@code synchronous=NORMAL}: a commit is a write to the log
 * without an fsync, so a crashed process (kill -9) loses nothing committed, and only a crash of the
 * machine itself can lose the last commits. It is in {@code EXCLUSIVE} locking mode: the server
 * holds the file's lock from opening to closing, so a second server given the same file is refused
 * at start, and SQLite needs no shared-memory index beside the file. The file is checked to be a
 * roomchat history database ({@link #APPLICATION_ID}) and made one when it is new and empty.
 */
final class HistoryFile {

    /** Marks the file as roomchat's ({@code PRAGMA application_id}): "RCHS". */
    static final int APPLICATION_ID = 0x52434853;
    /** The version of the table's layout ({@code PRAGMA user_version}). */
    static final int SCHEMA_VERSION = 1;
    /**
     * How long opening waits for a lock another connection holds: not at all, since the only holder
     * can be another server, which holds it until it stops.
     */
    static final int LOCK_WAIT_MS = 0;
    /** Pages the log may grow to before a commit copies it back into the file (SQLite's default). */
    static final int CHECKPOINT_PAGES = 1_000;

    private static final String SCHEMA = """
            CREATE TABLE events (
              room_key TEXT NOT NULL,
              seq      INTEGER NOT NULL,
              at_ms    INTEGER NOT NULL,
              room     TEXT NOT NULL,
              actor    TEXT,
              kind     TEXT NOT NULL,
              text     TEXT NOT NULL,
              extra    TEXT,
              PRIMARY KEY (room_key, seq)
            ) WITHOUT ROWID""";

    private HistoryFile() {
    }

    /** A connection to {@code file}, locked for this process, with the table in place. */
    static Connection open(Path file) throws HistoryFileException {
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + LOCK_WAIT_MS);
                statement.execute("PRAGMA locking_mode = EXCLUSIVE");
                String mode = single(statement, "PRAGMA journal_mode = WAL");
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new HistoryFileException(file, "can't be put in WAL mode (it stays " + mode + ")", null);
                }
                statement.execute("PRAGMA synchronous = NORMAL");
                statement.execute("PRAGMA wal_autocheckpoint = " + CHECKPOINT_PAGES);
            }
            connection.setAutoCommit(false);
            prepare(connection, file);
            connection.commit();
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new HistoryFileException(file, problem(e), e);
        } catch (HistoryFileException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Makes a new file a history database, or checks an old one is one; takes the file's lock. */
    private static void prepare(Connection connection, Path file) throws SQLException, HistoryFileException {
        try (Statement statement = connection.createStatement()) {
            int applicationId = Integer.parseInt(single(statement, "PRAGMA application_id"));
            int version = Integer.parseInt(single(statement, "PRAGMA user_version"));
            int tables = Integer.parseInt(single(statement, "SELECT count(*) FROM sqlite_master"));
            if (applicationId == 0 && version == 0 && tables == 0) {
                // One b-tree, no index by age: every line is inserted and, in time, deleted, and a second
                // tree would double both. A room's lines are old in seq order, which is what pruning walks.
                statement.execute(SCHEMA);
                statement.execute("PRAGMA application_id = " + APPLICATION_ID);
                statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            } else if (applicationId != APPLICATION_ID) {
                throw new HistoryFileException(file, "is not a roomchat history database", null);
            } else if (version != SCHEMA_VERSION) {
                throw new HistoryFileException(file, "has history in layout " + version + ", which this server can't read (it reads "
                        + SCHEMA_VERSION + ")", null);
            } else {
                // A write, so that the lock is taken now, not at the first line said.
                statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            }
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : "";
        }
    }

    /** What went wrong, in an operator's words. */
    private static String problem(SQLException e) {
        // The primary code: the low byte of SQLite's extended codes (SQLITE_BUSY_RECOVERY is a SQLITE_BUSY).
        int code = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code & 0xFF : -1;
        if (code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return "is locked by another process (is another server using it?)";
        } else if (code == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return "is not a roomchat history database (not an SQLite file)";
        } else if (code == SQLiteErrorCode.SQLITE_READONLY.code) {
            return "can't be written (read-only)";
        } else if (code == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
            return "can't be opened or created (does its directory exist, and may the server write there?)";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "can't be used: " + message.lines().findFirst().orElse(message);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing: the first problem is the one to report.
            }
        }
    }
}
