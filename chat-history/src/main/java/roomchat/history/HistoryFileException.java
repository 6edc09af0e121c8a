package roomchat.history;

import java.nio.file.Path;

/**
 * A history file that can't be used: it can't be opened or written, another process holds it, or it
 * is not a roomchat history database. The message is one line an operator can act on.
 */
public final class HistoryFileException extends Exception {

    HistoryFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
