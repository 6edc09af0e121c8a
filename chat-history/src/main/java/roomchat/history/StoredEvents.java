package roomchat.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import roomchat.core.event.Happening;
import roomchat.core.event.RoomEvent;
import roomchat.core.text.SafeText;

/**
 * A kept event as a row of typed fields (room, seq, time, actor, kind, text, extra), never as
 * rendered words, so that every door words a stored line as it words a live one. Text read back is
 * cleaned again ({@link SafeText}): the file is outside the server's control, and a line in it that
 * would command a terminal must not reach one.
 */
final class StoredEvents {

    /** The kinds of line a room's history keeps ({@link Happening#kept}), as stored. */
    static final String SAID = "said";
    static final String ACTION = "action";
    static final String RELAYED = "relayed";

    static final String INSERT = "INSERT OR IGNORE INTO events (room_key, seq, at_ms, room, actor, kind, text, extra)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    /** The columns {@link #read} reads, in its order. */
    static final String COLUMNS = "room, seq, at_ms, actor, kind, text, extra";

    private StoredEvents() {
    }

    /** Sets {@code insert}'s parameters to {@code event} of the room of {@code roomKey}. */
    static void bind(PreparedStatement insert, String roomKey, RoomEvent event) throws SQLException {
        Happening what = event.what();
        String kind;
        String text;
        String extra = null;
        if (what instanceof Happening.Said said) {
            kind = SAID;
            text = said.text();
        } else if (what instanceof Happening.Acted acted) {
            kind = ACTION;
            text = acted.action();
        } else if (what instanceof Happening.Relayed relayed) {
            kind = RELAYED;
            text = relayed.text();
            extra = relayed.fromRoom();
        } else {
            throw new IllegalArgumentException("not a kept line: " + event);
        }
        insert.setString(1, roomKey);
        insert.setLong(2, event.seq());
        insert.setLong(3, event.at().toEpochMilli());
        insert.setString(4, event.room());
        insert.setString(5, event.actor());
        insert.setString(6, kind);
        insert.setString(7, text);
        insert.setString(8, extra);
    }

    /**
     * The event of the current row of {@code row}, whose {@link #COLUMNS} follow its first {@code skipped}
     * columns; null for a kind this server does not know.
     */
    static RoomEvent read(ResultSet row, int skipped) throws SQLException {
        String text = clean(row.getString(skipped + 6));
        Happening what = switch (row.getString(skipped + 5)) {
            case SAID -> new Happening.Said(text);
            case ACTION -> new Happening.Acted(text);
            case RELAYED -> new Happening.Relayed(clean(row.getString(skipped + 7)), text);
            default -> null;
        };
        if (what == null) {
            return null;
        }
        return new RoomEvent(clean(row.getString(skipped + 1)), row.getLong(skipped + 2),
                Instant.ofEpochMilli(row.getLong(skipped + 3)), clean(row.getString(skipped + 4)), null, what);
    }

    private static String clean(String text) {
        return text == null ? null : SafeText.clean(text);
    }
}
