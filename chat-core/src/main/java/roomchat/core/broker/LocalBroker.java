package roomchat.core.broker;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Member;
import roomchat.core.room.Room;
import roomchat.core.room.RoomLog;

/**
 * The broker of one server process, which orders each room itself: the room's {@link RoomLog} gives
 * each event its number under the log's lock and hands it to the subscriber before letting go, so
 * the subscriber receives each room's events in number order. Every room is local, so subscribing
 * changes nothing. Publishing never waits on anything but that lock.
 */
public final class LocalBroker implements Broker {

    private static final CompletableFuture<Long> REFUSED = CompletableFuture.failedFuture(new NotInRoom("the room"));

    private static final CompletableFuture<Void> SUBSCRIBED = CompletableFuture.completedFuture(null);

    private final Clock clock;
    private volatile Subscriber subscriber = (room, event) -> { };

    /** A broker stamping events with {@code clock}'s time. */
    public LocalBroker(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void start(Subscriber newSubscriber) {
        this.subscriber = newSubscriber;
    }

    @Override
    public CompletionStage<Long> publish(Room room, RoomEvent draft) {
        RoomLog log = room.log();
        long seq;
        synchronized (log) {
            if (!present(room, draft)) {
                return REFUSED;
            }
            RoomEvent event = log.order(draft, clock.instant());
            seq = event.seq();
            subscriber.onEvent(room, event);
        }
        subscriber.released(room);
        return CompletableFuture.completedFuture(seq);
    }

    /**
     * Whether the draft may be ordered: its actor is still in the room, if it must be. A member's room
     * changes before the room's log hears of its leaving, so once this says no it says no for good.
     */
    private static boolean present(Room room, RoomEvent draft) {
        Member actor = draft.origin();
        return !draft.what().needsActorPresent() || actor == null || actor.room() == room;
    }

    @Override
    public CompletionStage<Void> subscribe(Room room) {
        // Every room is ordered in this process, and its events always reach the subscriber.
        return SUBSCRIBED;
    }

    @Override
    public void unsubscribe(Room room) {
        // As above: nothing to stop.
    }

    @Override
    public List<RoomEvent> history(Room room, long throughSeq) {
        return room.log().history(throughSeq);
    }

    @Override
    public void removeHistory(Room room) {
        room.log().clearHistory();
    }

    @Override
    public void close() {
        subscriber = (room, event) -> { };
    }
}
