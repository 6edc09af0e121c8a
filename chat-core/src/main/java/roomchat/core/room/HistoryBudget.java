package roomchat.core.room;

import roomchat.core.event.Happening;
import roomchat.core.event.RoomEvent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory every room's history may hold together, so that many rooms full of long lines can't
 * grow the server without bound. A room that would go over it first forgets its own oldest lines; a
 * room with none left to forget keeps no more until others free some (rooms free all of theirs when
 * they close). <b>Threads:</b> shared by every room's drain; the count is atomic.
 */
public final class HistoryBudget {

    /** What one kept event costs beyond its characters: the event, its time, its body and the strings' headers. */
    static final int ENTRY_OVERHEAD_BYTES = 160;

    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    /** A budget of {@code maxBytes} (estimated as two bytes a character, plus overhead per line). */
    public HistoryBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** No limit beyond each room's line count. */
    public static HistoryBudget unlimited() {
        return new HistoryBudget(Long.MAX_VALUE);
    }

    /** What keeping {@code event} costs. */
    static long cost(RoomEvent event) {
        return 2L * (event.room().length() + (event.actor() == null ? 0 : event.actor().length()) + textLength(event.what()))
                + ENTRY_OVERHEAD_BYTES;
    }

    private static int textLength(Happening what) {
        if (what instanceof Happening.Said said) {
            return said.text().length();
        } else if (what instanceof Happening.Acted acted) {
            return acted.action().length();
        } else if (what instanceof Happening.Relayed relayed) {
            return relayed.fromRoom().length() + relayed.text().length();
        }
        return 0;
    }

    /** Takes {@code bytes} from the budget if they fit; says whether they did. */
    boolean reserve(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > maxBytes) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** The bytes every room's history holds now, as estimated. */
    public long usedBytes() {
        return used.get();
    }
}
