package roomchat.core.room;

import java.util.List;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;

/**
 * One job in a room's {@link DeliveryQueue}: an ordered event for the room's local members, or a
 * member joining or leaving the set of those delivered to. Because joining and leaving run in the
 * same order as the events, a member receives exactly the events ordered between its joining and
 * its leaving, and a newcomer's history replay meets live chat with nothing missed and nothing twice.
 */
public sealed interface Delivery permits Delivery.Event, Delivery.Admit, Delivery.Remove {

    /** An event, ordered, for every local member of the room but the one it spares. */
    record Event(RoomEvent event) implements Delivery {
    }

    /**
     * Tells {@code member} what it must hear first ({@code first}: why it came, when a host sent it),
     * replays the room's history to it, then starts delivering the room's events to it.
     */
    record Admit(Member member, List<Notice> first) implements Delivery {
    }

    /** Stops writing the room's lines to {@code member}. */
    record Remove(Member member) implements Delivery {
    }
}
