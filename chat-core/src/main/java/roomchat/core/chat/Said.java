package roomchat.core.chat;

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
        broker.publish(room, RoomEvent.draft(room.name(), member, what)).whenComplete((seq, refused) -> {
            if (refused != null) {
                member.port().deliver(new Notice.Error("your line did not reach " + room.name() + ": you are no longer in it"));
            }
        });
    }
}
