package roomchat.server.rooms;

import java.time.Clock;
import roomchat.core.broker.Broker;
import roomchat.core.broker.LocalBroker;
import roomchat.core.room.RoomRegistry;

/** The rooms of one server on its own: a registry in this process, ordered by a {@link LocalBroker}. */
public final class LocalRooms implements RoomsBackend {

    private final RoomRegistry registry;
    private final LocalBroker broker = new LocalBroker(Clock.systemDefaultZone());

    public LocalRooms(RoomRegistry registry) {
        this.registry = registry;
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
        // Nothing beyond the server's own numbers.
    }

    @Override
    public void close() {
        broker.close();
    }
}
