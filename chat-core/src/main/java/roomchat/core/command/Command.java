package roomchat.core.command;

/**
 * A parsed colon command with its arguments. Which words and aliases produce which command is
 * decided once, in {@link CommandWord}.
 */
public sealed interface Command extends Input {

    /** {@code :cr <room>}: move to an existing room. */
    record ChangeRoom(String room) implements Command {
    }

    /** {@code :n <room>}: create a room and move into it. */
    record NewRoom(String room) implements Command {
    }

    /** {@code :erm <room> <text>}: send one line to another room without leaving one's own. */
    record MessageRoom(String room, String text) implements Command {
    }

    /** {@code :h}: list the commands. */
    record Help() implements Command {
    }

    /** {@code :e}: say goodbye and close the connection. */
    record Exit() implements Command {
    }
}
