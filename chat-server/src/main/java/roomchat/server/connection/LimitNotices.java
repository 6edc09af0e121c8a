package roomchat.server.connection;

import roomchat.core.event.Notice;

/**
 * What a user who runs into a limit is told, in the same words on every door (nc, WebSocket,
 * gRPC); each door renders them in its own format. Stateless.
 */
public final class LimitNotices {

    /** Lines are being dropped for coming faster than {@code --rate} allows; at most once a second. */
    public static final Notice.Error SLOW_DOWN = new Notice.Error("slow down");
    /** The last word to a user who went on flooding for {@code --flood-timeout}. */
    public static final String FLOODING = "disconnected: flooding";

    private LimitNotices() {
    }

    /** A line (or a gRPC message, encoded) over {@code maxBytes} ({@code --max-line}) was dropped. */
    public static Notice.Error tooLong(int maxBytes) {
        return new Notice.Error("line too long (max " + maxBytes + " bytes)");
    }
}
