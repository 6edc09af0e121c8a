package roomchat.core.dispatch;

import io.netty.channel.EventLoop;
import roomchat.core.event.Notice;
import roomchat.core.room.MemberPort;

/**
 * A member not reached through a Netty channel (a gRPC stream, say) but served on one of the
 * server's event loops: the dispatcher hands it its rooms' events as objects ({@link EventRun}s)
 * instead of writing encoded lines to a channel, through the same per-loop outbox as the loop's
 * channels, so that all the runs waiting for one loop are sent in one of its tasks.
 *
 * <p><b>Threads:</b> {@link #send(EventRun)} and {@link #send(Notice)} are called on
 * {@link #eventLoop()}, in the room's order (runs, and the notices and history of an admission);
 * {@link #writable()} is asked there too, just before a run, which it takes whole or not at all.
 */
public interface EventPort extends MemberPort {

    /** The event loop that serves the member: the only thread that sends to it. */
    EventLoop eventLoop();

    /**
     * Sends a run of its room's events (already without those that spare this member). On its loop,
     * after {@link #writable()} said yes; never blocks.
     */
    void send(EventRun run);

    /** Sends {@code notice} now, in the order of the calls: on its loop; never blocks. */
    void send(Notice notice);
}
