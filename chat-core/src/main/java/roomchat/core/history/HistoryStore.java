package roomchat.core.history;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import roomchat.core.event.RoomEvent;

/**
 * Where rooms' history is kept beyond the memory of one process: the port a durable store (the
 * SQLite file of {@code --history-db}) plugs into. The rooms keep their recent lines in memory
 * either way ({@link roomchat.core.room.RoomHistory}), which is what a newcomer is replayed; a store
 * keeps more of them, across restarts, and answers {@code :history} from there.
 *
 * <p><b>Threads:</b> {@link #resume} is called under the registry's master lock and
 * {@link #append} under a room's log lock, so neither may wait on I/O: a store answers the first
 * from what it read at start and queues the second for a thread of its own. {@link #recent} is
 * answered on that thread.
 */
public interface HistoryStore extends AutoCloseable {

    /**
     * What a store holds of a room that is made again: the last sequence number of a line it keeps
     * (the room's numbering goes on after it, so numbers never repeat in the store) and its latest
     * lines, oldest first.
     */
    record Past(long lastSeq, List<RoomEvent> recent) {
        /** A room the store knows nothing of. */
        public static final Past NONE = new Past(0, List.of());

        public Past {
            recent = List.copyOf(recent);
        }
    }

    /** The store of a server without one: every room starts afresh, and history lives only in memory. */
    HistoryStore NONE = new HistoryStore() {
        @Override
        public boolean durable() {
            return false;
        }

        @Override
        public Past resume(String roomKey) {
            return Past.NONE;
        }

        @Override
        public void append(String roomKey, RoomEvent event) {
            // Nothing beyond memory.
        }

        @Override
        public void suspend(String roomKey, List<RoomEvent> recent) {
            // Nothing beyond memory.
        }

        @Override
        public CompletionStage<List<RoomEvent>> recent(String roomKey, int count, long beforeSeq) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public void close() {
            // Nothing held.
        }
    };

    /** Whether the store keeps lines beyond what the rooms hold in memory (and so answers {@code :history}). */
    boolean durable();

    /**
     * A room whose case-insensitive key is {@code roomKey} is being made: what the store holds of it.
     * Called under the registry's master lock: answered from memory.
     */
    Past resume(String roomKey);

    /**
     * Keeps {@code event}, an ordered line of the room of {@code roomKey} (its {@link roomchat.core.event.Happening#kept kind is kept}).
     * Called under its room's log lock, in the room's order: it never waits for the store.
     */
    void append(String roomKey, RoomEvent event);

    /**
     * The room of {@code roomKey} is gone (its last member left): {@code recent} are the lines it held
     * in memory, which the store keeps there for when the room is made again.
     */
    void suspend(String roomKey, List<RoomEvent> recent);

    /** The last {@code count} lines kept of the room of {@code roomKey}, oldest first. */
    default CompletionStage<List<RoomEvent>> recent(String roomKey, int count) {
        return recent(roomKey, count, Long.MAX_VALUE);
    }

    /**
     * The last {@code count} lines kept of the room of {@code roomKey} whose sequence number is below
     * {@code beforeSeq}, oldest first: the lines just older than one a reader already has.
     */
    CompletionStage<List<RoomEvent>> recent(String roomKey, int count, long beforeSeq);

    /** Writes what is waiting and lets go of the store. */
    @Override
    void close();
}
