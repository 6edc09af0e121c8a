package roomchat.server.rooms;

import java.time.Clock;
import roomchat.core.broker.Broker;
import roomchat.core.broker.LocalBroker;
import roomchat.core.history.HistoryStore;
import roomchat.core.room.RoomRegistry;
import roomchat.history.SqliteHistoryStore;
import roomchat.server.metrics.Prometheus;

/**
 * The rooms of one server on its own: a registry in this process, ordered by a {@link LocalBroker},
 * with their history in memory, and in a file too with {@code --history-db}.
 */
public final class LocalRooms implements RoomsBackend {

    private final RoomRegistry registry;
    private final LocalBroker broker = new LocalBroker(Clock.systemDefaultZone());
    private final HistoryStore historyStore;

    /** Rooms whose history is in memory only. */
    public LocalRooms(RoomRegistry registry) {
        this(registry, HistoryStore.NONE);
    }

    /** Rooms whose history is kept in {@code historyStore} too (the registry was made over it); closed with them. */
    public LocalRooms(RoomRegistry registry, HistoryStore historyStore) {
        this.registry = registry;
        this.historyStore = historyStore;
    }

    @Override
    public RoomRegistry registry() {
        return registry;
    }

    @Override
    public Broker broker() {
        return broker;
    }

    @Override
    public HistoryStore historyStore() {
        return historyStore;
    }

    @Override
    public void start() {
        // Nothing to reach: the rooms are here.
    }

    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public void onMembersLost(Runnable listener) {
        // No cluster lets them go.
    }

    @Override
    public void writeMetrics(StringBuilder out) {
        if (historyStore instanceof SqliteHistoryStore file) {
            Prometheus.single(out, "roomchat_history_waiting_lines", "gauge",
                    "Lines of history handed to the history file's writer and not yet written: how far it is behind.",
                    file.waiting());
            Prometheus.single(out, "roomchat_history_written_total", "counter",
                    "Lines of history written to the history file.", file.written());
            Prometheus.single(out, "roomchat_history_dropped_total", "counter",
                    "Lines of history dropped from the history file (not from the chat): its writer fell too far behind,"
                            + " or a write failed.", file.dropped());
        }
    }

    /** Called after every member left: the last lines are written before the file is let go. */
    @Override
    public void close() {
        broker.close();
        historyStore.close();
    }
}
