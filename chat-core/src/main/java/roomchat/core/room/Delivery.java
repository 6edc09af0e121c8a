package roomchat.core.room;

/**
 * One job in a room's {@link DeliveryQueue}: a line for the members, or a member joining or leaving
 * the set of channels lines are written to. Because joining and leaving run in the same order as
 * the lines, a member receives exactly the lines published between its joining and its leaving,
 * and a newcomer's history replay meets live chat with nothing missed and nothing twice.
 */
public sealed interface Delivery permits RoomMessage, Delivery.Admit, Delivery.Remove {

    /** Replays the room's history to {@code member}, then starts writing the room's lines to it. */
    record Admit(Member member) implements Delivery {
    }

    /** Stops writing the room's lines to {@code member}. */
    record Remove(Member member) implements Delivery {
    }
}
