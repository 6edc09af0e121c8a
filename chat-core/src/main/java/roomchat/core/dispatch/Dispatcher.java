package roomchat.core.dispatch;

import roomchat.core.room.Room;
import roomchat.core.room.RoomMessage;

/**
 * Delivers messages to the members of a room, off the caller's thread. Messages published to one
 * room reach each member in the order they were published; {@link #publish} never waits for the
 * delivery, so an event-loop thread can call it.
 */
public interface Dispatcher extends AutoCloseable {

    /** Queues a message for every matching member of {@code room}. */
    void publish(Room room, RoomMessage message);

    /** Stops delivering; messages still queued may be dropped. */
    @Override
    void close();
}
