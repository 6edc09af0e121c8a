package roomchat.core.room;

import java.util.concurrent.Executor;
import roomchat.core.event.Notice;

/**
 * How the domain reaches one member, whatever door it came through: each transport implements it
 * (a Netty channel, a test's recorder). A room's events reach members through the delivery side,
 * which knows the ports of its own transport; everything else goes through here.
 */
public interface MemberPort {

    /** Sends {@code notice} to the member, outside any room's order. Callable from any thread; never blocks. */
    void deliver(Notice notice);

    /** Whether the member takes more now; one that does not read is not sent what it can't take. */
    boolean writable();

    /** The thread that serves the member (reads its lines, writes to it), for work that must run there. */
    Executor executor();
}
