package roomchat.core.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Member;

/**
 * A run of one room's events, in the room's order, as the dispatcher hands it to the members reached
 * through an {@link EventPort}. Every such member of the room (on every event loop) gets the same
 * run, so a door turns it into its own messages once ({@link #encoded}) rather than once per member.
 *
 * <p><b>Threads:</b> immutable but for the encoding it keeps, which {@link #encoded} computes once
 * under the run's lock: the ports of several loops may ask for it at the same time.
 */
public final class EventRun {

    private final List<RoomEvent> events;
    private Function<List<RoomEvent>, ?> encoder;
    private Object encoded;

    /** A run of {@code events} (copied). */
    public EventRun(List<RoomEvent> events) {
        this.events = List.copyOf(events);
    }

    /** The events, in the room's order. */
    public List<RoomEvent> events() {
        return events;
    }

    /** How many events it holds. */
    public int size() {
        return events.size();
    }

    /**
     * What {@code encoder} makes of the events: computed by the first caller, the same object for
     * every later caller with the same encoder (one door's encoding is kept; another door's encoder
     * is simply run each time).
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> T encoded(Function<List<RoomEvent>, T> encoder) {
        if (this.encoder == encoder) {
            return (T) encoded;
        }
        T result = encoder.apply(events);
        if (this.encoder == null) {
            this.encoder = encoder;
            this.encoded = result;
        }
        return result;
    }

    /**
     * The run {@code member} gets: this one, unless some of its events spare the member (its own
     * doing, which it was answered already), then a new run without them.
     */
    public EventRun without(Member member) {
        boolean sparesIt = false;
        for (RoomEvent event : events) {
            sparesIt |= event.sparedMember() == member;
        }
        if (!sparesIt) {
            return this;
        }
        List<RoomEvent> its = new ArrayList<>(events.size());
        for (RoomEvent event : events) {
            if (event.sparedMember() != member) {
                its.add(event);
            }
        }
        return new EventRun(its);
    }
}
