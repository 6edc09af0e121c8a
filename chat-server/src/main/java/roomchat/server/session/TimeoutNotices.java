package roomchat.server.session;

import java.time.Duration;
import roomchat.core.event.Notice;
import roomchat.server.DurationConverter;

/**
 * What a user whose time ran out is told last, in the same words on every door (nc, WebSocket,
 * gRPC): each door renders the goodbye in its own format. Stateless.
 */
public final class TimeoutNotices {

    private TimeoutNotices() {
    }

    /** No name was chosen within {@code limit} of the session's start ({@code --name-timeout}). */
    public static Notice.Goodbye noName(Duration limit) {
        return new Notice.Goodbye("disconnected: no name chosen in " + DurationConverter.format(limit));
    }

    /** A named user sent nothing for {@code limit} ({@code --idle-timeout}). */
    public static Notice.Goodbye idle(Duration limit) {
        return new Notice.Goodbye("disconnected: idle for " + DurationConverter.format(limit));
    }
}
