package roomchat.server;

import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import roomchat.history.HistoryFileException;

/**
 * A server that could not start for a reason its operator can fix: a listener's port is taken, a
 * TLS file is missing or not PEM. The message is the one line {@link Main} prints for it, naming
 * the flag or the listener and port.
 */
public final class StartupException extends Exception {

    /** The operating system's words for a port that is taken (Linux, macOS, and the JDK's on Windows). */
    private static final String ADDRESS_IN_USE = "Address already in use";

    private StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code listener} ({@code tcp}, {@code tls}, {@code http}) could not bind {@code port} on {@code host}. */
    static StartupException bindFailed(String listener, String host, int port, Throwable cause) {
        String reason = cause instanceof UnresolvedAddressException ? "unknown host"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // Netty's epoll and the JDK both report a taken port with the OS's words and no type of its own.
        String problem = reason.contains(ADDRESS_IN_USE) ? " is in use" : " can't be opened: " + reason;
        return new StartupException(listener + " port " + port + " on " + host + problem, cause);
    }

    /** The cluster's Redis at {@code uri} can't be reached. */
    static StartupException redisUnreachable(String uri, Throwable cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new StartupException(why.contains(uri) ? why : "can't reach Redis at " + uri + ": " + why, cause);
    }

    /** The history file can't be used: {@code cause} says which file and why, in one line. */
    static StartupException historyDb(HistoryFileException cause) {
        return new StartupException("--history-db " + cause.getMessage(), cause);
    }

    /** The file given to {@code flag} can't be used; {@code problem} says why, briefly. */
    static StartupException badFile(String flag, Path file, String problem, Throwable cause) {
        return new StartupException(flag + " " + file + ": " + problem, cause);
    }
}
