package roomchat.core.room;

import java.util.List;
import roomchat.core.event.RoomEvent;

/**
 * A member not reached through a Netty channel (a gRPC stream, say): the dispatcher hands it its
 * rooms' events as objects, one run at a time, instead of writing encoded lines to a channel.
 *
 * <p>The port encodes and sends them itself, on its {@link #executor()}, in the order handed over:
 * the dispatcher calls {@link #deliver(List)} and {@link MemberPort#deliver} for one room from one
 * drain at a time, so runs and the notices of an admission arrive in the room's order.
 */
public interface EventPort extends MemberPort {

    /**
     * Takes a run of its room's events (already without those that spare this member), whole, or
     * none of them when the member is not taking more now (it stopped reading): returns whether it
     * took them, so that the dispatcher counts them delivered or dropped. Callable from any thread;
     * never blocks, and keeps at most what {@link #writable()} allows plus one run.
     */
    boolean deliver(List<RoomEvent> run);
}
