package roomchat.core.room;

import java.time.Instant;
import java.util.List;
import roomchat.core.event.RoomEvent;

/**
 * A room's order in this process: the last sequence number given and the history kept. Used by the
 * {@link roomchat.core.broker.LocalBroker}. <b>Lock:</b> its own monitor, held for a few field
 * updates and the hand-over of one event; taken after the registry's master lock when both are held.
 */
public final class RoomLog {

    private final RoomHistory history;
    /** Guarded by this. */
    private long lastSeq;

    RoomLog(RoomHistory history) {
        this.history = history;
    }

    /** Gives {@code draft} the next number and {@code at}, and keeps it if it is kept. Caller holds this. */
    public RoomEvent order(RoomEvent draft, Instant at) {
        RoomEvent event = draft.ordered(++lastSeq, at);
        if (event.what().kept()) {
            history.add(event);
        }
        return event;
    }

    /** The kept events up to {@code throughSeq}, oldest first. */
    public synchronized List<RoomEvent> history(long throughSeq) {
        return history.through(throughSeq);
    }

    /** Forgets the history. */
    public synchronized void clearHistory() {
        history.clear();
    }
}
