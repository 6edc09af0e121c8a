package roomchat.core.command;

import java.util.Optional;

/**
 * A parsed colon command with its arguments. Which words and aliases produce which command is
 * decided once, in {@link CommandWord}.
 */
public sealed interface Command extends Input {

    /** {@code :cr <room> [password]}: move to an existing room. */
    record ChangeRoom(String room, Optional<String> password) implements Command {
    }

    /** {@code :n <room>}: create a room and move into it. */
    record NewRoom(String room) implements Command {
    }

    /** {@code :erm <room>[:password] <text>}: send one line to another room without leaving one's own. */
    record MessageRoom(String room, Optional<String> password, String text) implements Command {
    }

    /** {@code :rooms [page]}: list the rooms, a page at a time (from 1). */
    record ListRooms(int page) implements Command {
    }

    /** {@code :who [page]}: list the members of one's room, a page at a time (from 1). */
    record Who(int page) implements Command {
    }

    /** {@code :msg <name> <text>}: a private line to one user. */
    record PrivateMessage(String name, String text) implements Command {
    }

    /** {@code :nick <name>}: change one's screen name. */
    record Nick(String name) implements Command {
    }

    /** {@code :me <action>}: an action line to one's room. */
    record Me(String action) implements Command {
    }

    /** {@code :passwd [password]}: a host locks its room, or unlocks it. */
    record SetPassword(Optional<String> password) implements Command {
    }

    /** {@code :kick <name>}: a host moves a member of its room to the default room. */
    record Kick(String name) implements Command {
    }

    /** {@code :host <name>}: a host makes another member of its room a host too. */
    record Promote(String name) implements Command {
    }

    /** {@code :topic [text]}: a host sets its room's topic, or clears it. */
    record SetTopic(Optional<String> topic) implements Command {
    }

    /**
     * {@code :history [lines] [before]}: the last {@code lines} lines of one's room whose sequence
     * number is below {@code before}, with their dates, to the asker only. {@link #LATEST} sets no
     * bound (the room's last lines); a page that shows lines from seq 120 on asks for
     * {@code before} 120 to load the ones above them.
     */
    record ShowHistory(int lines, long before) implements Command {
        /** Lines shown when the command names no count. */
        public static final int DEFAULT_LINES = 20;
        /** The most lines one answer shows. */
        public static final int MAX_LINES = 200;
        /** No bound: every sequence number is below it, so the answer is the room's last lines. */
        public static final long LATEST = Long.MAX_VALUE;

        /** The last {@code lines} lines, with no bound. */
        public ShowHistory(int lines) {
            this(lines, LATEST);
        }

        /** Whether the command bounds the lines by a sequence number. */
        public boolean bounded() {
            return before != LATEST;
        }
    }

    /** {@code :h}: list the commands. */
    record Help() implements Command {
    }

    /** {@code :e}: say goodbye and close the connection. */
    record Exit() implements Command {
    }
}
