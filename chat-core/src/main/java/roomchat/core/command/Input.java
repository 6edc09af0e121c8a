package roomchat.core.command;

/**
 * What one line typed by a user means: a chat line, a command, or a line that could not be understood.
 * Blank lines mean nothing and have no {@code Input}.
 */
public sealed interface Input permits Input.ChatText, Input.Invalid, Command {

    /** A line of chat for the sender's room, with any {@code ::} escape already undone. */
    record ChatText(String text) implements Input {
    }

    /** A command line that is wrong as typed; {@code reason} says why, for the user. */
    record Invalid(String reason) implements Input {
    }
}
