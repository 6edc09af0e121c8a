package roomchat.core.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * What the server answers the user who typed a line: zero or more lines, and whether to close the
 * connection once they are sent.
 */
public record Reply(List<String> lines, boolean close) {

    public Reply {
        lines = List.copyOf(lines);
    }

    /** No answer at all. */
    public static final Reply NONE = new Reply(List.of(), false);

    /** Lines to send, keeping the connection open. */
    public static Reply of(String... lines) {
        return new Reply(List.of(lines), false);
    }

    /** These lines, then more, keeping the connection open. */
    public static Reply of(List<String> first, String... more) {
        List<String> lines = new ArrayList<>(first);
        lines.addAll(List.of(more));
        return new Reply(lines, false);
    }

    /** Lines to send, then close the connection. */
    public static Reply closing(String... lines) {
        return new Reply(List.of(lines), true);
    }
}
