package roomchat.redis;

import roomchat.core.event.RoomEvent;

/**
 * An ordered event as it travels between nodes ({@link EventCodec}): the event without its origin
 * member, which only the origin's node can resolve, and the origin's member ref.
 *
 * @param event     the event, ordered, with a null origin
 * @param originRef the ref ({@code <node id>:<member id>}) of the member who caused it, or null
 */
public record WireEvent(RoomEvent event, String originRef) {

    /** The event's place in its room's order. */
    public long seq() {
        return event.seq();
    }
}
