package roomchat.core.room;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.Deque;
import java.util.List;
import roomchat.core.event.RoomEvent;

/**
 * The last events said in a room, in the room's order: a ring of fixed capacity, within the memory
 * the server's {@link HistoryBudget} leaves, gone with the room. Not thread-safe: its owner
 * ({@link RoomLog}) guards it.
 *
 * <p>An event is kept as soon as the room orders it, while a newcomer is shown the history up to the
 * last event delivered before it arrived; so the ring keeps {@link #SLACK} events more than it shows,
 * and a newcomer arriving while lines are said still sees a full history.
 */
public final class RoomHistory {

    /** Events kept beyond the capacity, for the lines ordered but not yet delivered when someone arrives. */
    static final int SLACK = 16;

    private final int capacity;
    private final int kept;
    private final HistoryBudget budget;
    private final Deque<RoomEvent> events;

    /** A history of at most {@code capacity} events (0 keeps none) within {@code budget}. */
    public RoomHistory(int capacity, HistoryBudget budget) {
        this.capacity = capacity;
        this.kept = capacity == 0 ? 0 : capacity + SLACK;
        this.budget = budget;
        this.events = new ArrayDeque<>(Math.min(capacity, 64));
    }

    /** Keeps {@code event}, forgetting the oldest to make room; not kept if the budget has no room left. */
    public void add(RoomEvent event) {
        if (capacity == 0) {
            return;
        }
        if (events.size() == kept) {
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

    /** The last events (at most the capacity) with sequence numbers up to {@code throughSeq}, oldest first. */
    public List<RoomEvent> through(long throughSeq) {
        List<RoomEvent> shown = new ArrayList<>(Math.min(events.size(), capacity));
        Iterator<RoomEvent> newestFirst = events.descendingIterator();
        while (newestFirst.hasNext() && shown.size() < capacity) {
            RoomEvent event = newestFirst.next();
            if (event.seq() <= throughSeq) {
                shown.add(event);
            }
        }
        Collections.reverse(shown);
        return shown;
    }

    private void forgetOldest() {
        budget.release(HistoryBudget.cost(events.removeFirst()));
    }
}
