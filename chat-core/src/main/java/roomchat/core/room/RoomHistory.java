package roomchat.core.room;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last lines said in a room, with when they were delivered: a ring of fixed capacity, within the
 * memory the server's {@link HistoryBudget} leaves, gone with the room. <b>Threads:</b> confined to
 * the room's drain (one dispatcher thread at a time, in order), so it needs no lock.
 */
public final class RoomHistory {

    /** The notice that ends a replay of the history to a newcomer. */
    public static final String LIVE_CHAT_STARTS = "* live chat starts";

    /** One line as it was delivered. */
    public record Entry(Instant at, String line) {
    }

    private final int capacity;
    private final HistoryBudget budget;
    private final Deque<Entry> entries;

    /** A history of at most {@code capacity} lines (0 keeps none) within {@code budget}. */
    public RoomHistory(int capacity, HistoryBudget budget) {
        this.capacity = capacity;
        this.budget = budget;
        this.entries = new ArrayDeque<>(Math.min(capacity, 64));
    }

    /** Keeps {@code line}, forgetting the oldest lines to make room; not kept if the budget has no room left. */
    public void add(Instant at, String line) {
        if (capacity == 0) {
            return;
        }
        if (entries.size() == capacity) {
            forgetOldest();
        }
        long cost = HistoryBudget.cost(line);
        while (!budget.reserve(cost)) {
            if (entries.isEmpty()) {
                return;
            }
            forgetOldest();
        }
        entries.addLast(new Entry(at, line));
    }

    /** Forgets every line, giving their memory back to the budget. */
    public void clear() {
        while (!entries.isEmpty()) {
            forgetOldest();
        }
    }

    /** The lines kept, oldest first. */
    public List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    private void forgetOldest() {
        budget.release(HistoryBudget.cost(entries.removeFirst().line()));
    }
}
