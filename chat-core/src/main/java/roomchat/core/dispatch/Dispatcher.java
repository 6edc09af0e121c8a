package roomchat.core.dispatch;

import roomchat.core.room.Member;
import roomchat.core.room.Membership;
import roomchat.core.room.Room;
import roomchat.core.room.RoomMessage;

/**
 * Delivers lines to members, off the caller's thread. For each room, lines, arrivals and
 * departures take effect in the order they were handed over, so a member receives exactly the
 * room's lines published between its {@link #admit} and its {@link #remove}, each sender's in
 * order. No method here waits for a delivery, so an event-loop thread can call any of them.
 */
public interface Dispatcher extends Membership, AutoCloseable {

    /** Queues a line for every matching member of {@code room}, in the room's order. */
    void publish(Room room, RoomMessage message);

    /** Queues a member's arrival in {@code room}: the room's history, then its live lines. */
    @Override
    void admit(Room room, Member member);

    /** Queues a member's departure from {@code room}: no more of its lines. */
    @Override
    void remove(Room room, Member member);

    /** Sends one line to one member, outside any room's order (a private message, a notice). */
    void sendTo(Member member, String line);

    /** Stops delivering; deliveries still queued may be dropped. */
    @Override
    void close();
}
