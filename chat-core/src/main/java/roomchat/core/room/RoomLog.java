package roomchat.core.room;

import java.time.Instant;
import java.util.List;
import roomchat.core.event.RoomEvent;
import roomchat.core.history.HistoryStore;

/**
 * A room's order in this process: the last sequence number given and the history kept. Used by the
 * {@link roomchat.core.broker.LocalBroker}. <b>Lock:</b> its own monitor, held for a few field
 * updates and the hand-over of one event; taken after the registry's master lock when both are held.
 *
 * <p>With a durable {@link HistoryStore}, a room made again resumes where the store left it: its
 * numbering goes on after the last line stored, and its memory starts with the latest lines.
 */
public final class RoomLog {

    private final String key;
    private final RoomHistory history;
    private final HistoryStore store;
    /** The number the room resumed at: events up to it were ordered before this room was made. */
    private final long resumedSeq;
    /** Guarded by this. */
    private long lastSeq;

    /** The log of the room of {@code key}, resuming from what {@code store} holds of it. Called under the master lock. */
    RoomLog(String key, RoomHistory history, HistoryStore store) {
        this.key = key;
        this.history = history;
        this.store = store;
        HistoryStore.Past past = store.resume(key);
        past.recent().forEach(history::add);
        this.resumedSeq = past.lastSeq();
        this.lastSeq = resumedSeq;
    }

    /**
     * The last number given before this room was made (0 for a room new to the store): its events up
     * to it are history, delivered to nobody live.
     */
    public long resumedSeq() {
        return resumedSeq;
    }

    /** Gives {@code draft} the next number and {@code at}, and keeps it if it is kept. Caller holds this. */
    public RoomEvent order(RoomEvent draft, Instant at) {
        RoomEvent event = draft.ordered(++lastSeq, at);
        if (event.what().kept()) {
            history.add(event);
            store.append(key, event);
        }
        return event;
    }

    /** The kept events up to {@code throughSeq}, oldest first. */
    public synchronized List<RoomEvent> history(long throughSeq) {
        return history.through(throughSeq);
    }

    /** Forgets the history: the room is gone; the store keeps its latest lines for when it is made again. */
    public synchronized void clearHistory() {
        store.suspend(key, history.through(Long.MAX_VALUE));
        history.clear();
    }
}
