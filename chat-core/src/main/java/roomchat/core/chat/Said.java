package roomchat.core.chat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import roomchat.core.broker.Broker;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Member;
import roomchat.core.room.Room;

/**
 * Publishes what members say or do in rooms, and tells a member whose line did not land why: it was
 * moved out of the room at that instant, or the rooms' store can't be reached now. A line is never
 * dropped without its sender hearing of it.
 */
final class Said {

    /** What a user is told when the store that orders the rooms can't be reached. */
    static final String UNAVAILABLE = "chat is unavailable, try again shortly";

    private final Broker broker;
    private final LongAdder unavailable;

    /** Publishes through {@code broker}, counting in {@code unavailable} what it could not reach. */
    Said(Broker broker, LongAdder unavailable) {
        this.broker = broker;
        this.unavailable = unavailable;
    }

    /**
     * Publishes {@code what} by {@code member} in {@code room}. A line typed at the instant its
     * sender is moved out is refused by the room's order, and the sender is told it did not land.
     */
    void publish(Room room, Member member, Happening what) {
        CompletableFuture<Long> ordered = broker.publish(room, RoomEvent.draft(room.name(), member, what)).toCompletableFuture();
        if (ordered.isDone() && !ordered.isCompletedExceptionally()) {
            // The usual case, with an in-process broker: no callback to allocate.
            return;
        }
        ordered.whenComplete((seq, refused) -> {
            if (refused != null) {
                tellRefused(room, member, refused);
            }
        });
    }

    /** The error a user is told of when {@code failure} stopped what it asked for; counts it if the store was away. */
    String why(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof Broker.Unavailable) {
            unavailable.increment();
            return UNAVAILABLE;
        }
        return null;
    }

    private void tellRefused(Room room, Member member, Throwable refused) {
        String why = why(refused);
        member.port().deliver(new Notice.Error(why != null ? why : "your line did not reach " + room.name() + ": you are no longer in it"));
    }
}
