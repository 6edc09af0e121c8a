package roomchat.core.broker;

import java.util.List;
import java.util.concurrent.CompletionStage;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Room;

/**
 * Orders each room's events, hands them to every process with members in the room, and keeps what
 * was said for newcomers. Commands publish through it and never see how: the default,
 * {@link LocalBroker}, orders rooms inside this process; a broker shared by several servers keeps
 * the same contract, so neither handlers nor commands change.
 *
 * <p>The contract: in each room, events get sequence numbers 1, 2, 3, … with no gap, in the one
 * order every subscriber receives them in; an event that {@link roomchat.core.event.Happening#needsActorPresent
 * needs its actor present} is refused, not ordered, when its actor has left the room. No method
 * blocks on I/O, so an event loop may call any of them.
 */
public interface Broker extends AutoCloseable {

    /** Where a broker hands the events of the rooms this process subscribed to, in each room's order. */
    @FunctionalInterface
    interface Subscriber {
        /**
         * {@code event} (ordered) happened in {@code room}. Called in the room's order, never twice
         * for one event, possibly while the broker holds the room: it must only take the event.
         */
        void onEvent(Room room, RoomEvent event);

        /**
         * Called after {@link #onEvent}, once the broker has let go of the room: the place to wake
         * whatever delivers, so that no thread waits on the room while another is woken.
         */
        default void released(Room room) {
        }
    }

    /** Why a draft was not ordered: its actor is no longer in the room. */
    final class NotInRoom extends RuntimeException {
        public NotInRoom(String room) {
            super("not in " + room, null, false, false);
        }
    }

    /**
     * Why a draft, or any change to the shared rooms, was not made: the store that orders the rooms
     * can't be reached now (a cluster's Redis is down). Nothing was ordered; the user is told to try
     * again shortly.
     */
    final class Unavailable extends RuntimeException {
        public Unavailable(String why) {
            super(why, null, false, false);
        }
    }

    /** From now on, hands every subscribed room's events to {@code subscriber}. Called once, before any publish. */
    void start(Subscriber subscriber);

    /**
     * Orders {@code draft} in its room: gives it the room's next sequence number and the time,
     * keeps it in history if it is {@linkplain roomchat.core.event.Happening#kept kept}, and hands it
     * to every subscriber.
     *
     * @return the sequence number assigned, or a failure with {@link NotInRoom} when it was refused,
     *         or with {@link Unavailable} when it could not be ordered now
     */
    CompletionStage<Long> publish(Room room, RoomEvent draft);

    /**
     * This process has members in {@code room} now: its events must reach it. The registry, which
     * knows where this process's members are, subscribes and unsubscribes. The stage completes
     * once every event ordered after it will reach the subscriber, and the history before it can be
     * read; a member should be moved in only then.
     */
    CompletionStage<Void> subscribe(Room room);

    /** This process has no members left in {@code room}: its events need not reach it any more. */
    void unsubscribe(Room room);

    /**
     * The events kept in {@code room}'s history with sequence numbers up to {@code throughSeq}, at
     * most the room's history length, oldest first: what a newcomer admitted after event
     * {@code throughSeq} is shown before the live events that follow. Events ordered before this
     * process subscribed to the room never reach the subscriber, so they count as delivered: they
     * are history whatever {@code throughSeq} is. Answered from memory, without waiting.
     */
    List<RoomEvent> history(Room room, long throughSeq);

    /** Forgets {@code room}'s history: the room is gone. */
    void removeHistory(Room room);

    @Override
    void close();
}
