package roomchat.core.event;

import java.time.Instant;
import roomchat.core.room.Member;

/**
 * One thing that happened in one room, in the room's order: immutable, the same for every door,
 * rendered by each in its own format ({@link roomchat.core.render}).
 *
 * <p>An event is made unordered ({@link #draft}: sequence 0, no time) by whoever caused it, and
 * given its place by whatever orders the room ({@link roomchat.core.broker.Broker#publish}): a
 * sequence number, gapless and increasing from 1 in each room, and the time it was ordered.
 *
 * @param room   the room's name
 * @param seq    its place in the room's order, from 1; 0 while not yet ordered
 * @param at     when it was ordered; null while not yet ordered
 * @param actor  the screen name of who caused it, or null when the server did
 * @param origin the member who caused it, when that member is on this server; null otherwise. Used
 *               only to spare it events about itself ({@link Happening#sparesActor()})
 * @param what   what happened
 */
public record RoomEvent(String room, long seq, Instant at, String actor, Member origin, Happening what) {

    /** An event caused by {@code actor}, not yet ordered. */
    public static RoomEvent draft(String room, Member actor, Happening what) {
        return new RoomEvent(room, 0, null, actor.name(), actor, what);
    }

    /** An event caused by the server itself, not yet ordered. */
    public static RoomEvent byServer(String room, Happening what) {
        return new RoomEvent(room, 0, null, null, null, what);
    }

    /** This event, ordered as the {@code seq}-th of its room at {@code time}. */
    public RoomEvent ordered(long newSeq, Instant time) {
        return new RoomEvent(room, newSeq, time, actor, origin, what);
    }

    /** The member this event is not delivered to, or null when every member gets it. */
    public Member sparedMember() {
        return what.sparesActor() ? origin : null;
    }
}
