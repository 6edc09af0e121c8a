package roomchat.core.room;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import roomchat.core.event.RoomEvent;

/**
 * The last events said in a room, in the room's order: a ring of fixed capacity, within the memory
 * the server's {@link HistoryBudget} leaves, gone with the room. Not thread-safe: its owner
 * ({@link RoomLog}) guards it.
 */
public final class RoomHistory {

    private final int capacity;
    private final HistoryBudget budget;
    private final Deque<RoomEvent> events;

    /** A history of at most {@code capacity} events (0 keeps none) within {@code budget}. */
    public RoomHistory(int capacity, HistoryBudget budget) {
        this.capacity = capacity;
        this.budget = budget;
        this.events = new ArrayDeque<>(Math.min(capacity, 64));
    }

    /** Keeps {@code event}, forgetting the oldest to make room; not kept if the budget has no room left. */
    public void add(RoomEvent event) {
        if (capacity == 0) {
            return;
        }
        if (events.size() == capacity) {
            forgetOldest();
        }
        long cost = HistoryBudget.cost(event);
        while (!budget.reserve(cost)) {
            if (events.isEmpty()) {
                return;
            }
            forgetOldest();
        }
        events.addLast(event);
    }

    /** Forgets every event, giving their memory back to the budget. */
    public void clear() {
        while (!events.isEmpty()) {
            forgetOldest();
        }
    }

    /** The events kept with sequence numbers up to {@code throughSeq}, oldest first. */
    public List<RoomEvent> through(long throughSeq) {
        List<RoomEvent> kept = new ArrayList<>(events.size());
        for (RoomEvent event : events) {
            if (event.seq() > throughSeq) {
                break;
            }
            kept.add(event);
        }
        return kept;
    }

    private void forgetOldest() {
        budget.release(HistoryBudget.cost(events.removeFirst()));
    }
}
