package roomchat.core.chat;

import java.util.concurrent.CompletableFuture;
import roomchat.core.broker.Broker;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Member;
import roomchat.core.room.Room;

/** Publishes what a member says or does in its room; tells it when the line came too late to land there. */
final class Said {

    private Said() {
    }

    /**
     * Publishes {@code what} by {@code member} in {@code room}. A line typed at the instant its
     * sender is moved out is refused by the room's order, and the sender is told it did not land.
     */
    static void publish(Broker broker, Room room, Member member, Happening what) {
        CompletableFuture<Long> ordered = broker.publish(room, RoomEvent.draft(room.name(), member, what)).toCompletableFuture();
        if (ordered.isDone()) {
            // The usual case, with an in-process broker: no callback to allocate.
            if (ordered.isCompletedExceptionally()) {
                tellTooLate(room, member);
            }
            return;
        }
        ordered.whenComplete((seq, refused) -> {
            if (refused != null) {
                tellTooLate(room, member);
            }
        });
    }

    private static void tellTooLate(Room room, Member member) {
        member.port().deliver(new Notice.Error("your line did not reach " + room.name() + ": you are no longer in it"));
    }
}
