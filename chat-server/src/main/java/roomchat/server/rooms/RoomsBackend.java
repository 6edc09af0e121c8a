package roomchat.server.rooms;

import roomchat.core.broker.Broker;
import roomchat.core.history.HistoryStore;
import roomchat.core.room.RoomRegistry;

/**
 * Where a server's rooms live: in this process ({@link LocalRooms}), or in a cluster's Redis shared
 * with other servers ({@link ClusterRooms}). The server builds its dispatcher and chat on the
 * registry and broker it gives, and asks it whether it is healthy and what to add to /metrics.
 */
public interface RoomsBackend extends AutoCloseable {

    /** The rooms, members and names. */
    RoomRegistry registry();

    /** What orders each room's events and hands them to the dispatcher. */
    Broker broker();

    /** Where rooms' history is kept beyond memory: {@link HistoryStore#NONE} unless a durable store was given. */
    default HistoryStore historyStore() {
        return HistoryStore.NONE;
    }

    /** Called once the dispatcher has subscribed to the broker, before the listeners open. */
    void start();

    /** Whether the server can serve chat now (a cluster's Redis is reachable). */
    boolean healthy();

    /** Runs {@code listener} when this server's members were let go by the cluster and must reconnect. */
    void onMembersLost(Runnable listener);

    /** Adds the backend's own numbers to the Prometheus text {@code out}. */
    void writeMetrics(StringBuilder out);

    /** Called after every connection closed: finishes the members' leaving, then lets go of everything. */
    @Override
    void close();
}
