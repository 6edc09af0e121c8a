package roomchat.server.connection;

import io.netty.channel.Channel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import roomchat.core.room.Member;

/**
 * Everything the server remembers about one connection beyond its pipeline, in one channel
 * attribute: a handful of plain fields cost far less than an attribute each (24 bytes apiece plus
 * their slot), which counts at tens of thousands of idle connections. Reached through
 * {@link Connections} and the {@link ConnectionTracker}, never held by anyone else.
 *
 * <p><b>Threads:</b> the fields are written on the channel's event loop only. {@link #transport}
 * and {@link #member} are also read from other threads (shutdown, metrics, a cluster letting its
 * members go), so they are volatile. {@link #closeReason} may be set from any thread
 * ({@link Connections#closing}): the first reason wins, by compare-and-set. The rest are read and
 * written on the event loop alone.
 */
final class ConnectionState {

    private static final AttributeKey<ConnectionState> KEY = AttributeKey.valueOf("roomchat.connection");
    private static final AtomicReferenceFieldUpdater<ConnectionState, CloseReason> CLOSE_REASON =
            AtomicReferenceFieldUpdater.newUpdater(ConnectionState.class, CloseReason.class, "closeReason");

    /** How it speaks ({@link Connections#TCP} and the like); null until told, which means TCP. */
    volatile String transport;
    /** The member it speaks for, once a name was claimed on it. */
    volatile Member member;
    /** Why it is closing; null until a reason is given. Set only through {@link #closing}. */
    private volatile CloseReason closeReason;

    /** The client's address as a trusted proxy reported it; null: the peer's own. */
    InetAddress reportedClient;
    /** It comes from a trusted proxy, which will say whose connection it is. */
    boolean viaTrustedProxy;
    /** Counted in the tracker's total: from its start until it closes, unless the server was full. */
    boolean counted;
    /** The address it is counted under in the tracker's per-address counts, once known. */
    InetAddress countedUnder;
    /** The handlers above the tracker have seen it become active. */
    boolean admitted;
    /** Refused by the tracker with a line: counted and logged already, its input dropped until it closes. */
    boolean refused;
    /** The disconnect scheduled while its output stays over the high water mark ({@link SlowConsumerWatch}). */
    ScheduledFuture<?> slowConsumerDisconnect;

    /** The state of {@code channel}, made on first use (from any thread: the first one made is kept). */
    static ConnectionState of(Channel channel) {
        Attribute<ConnectionState> attribute = channel.attr(KEY);
        ConnectionState state = attribute.get();
        if (state == null) {
            ConnectionState made = new ConnectionState();
            state = attribute.setIfAbsent(made);
            if (state == null) {
                state = made;
            }
        }
        return state;
    }

    /** Records {@code reason} unless one was recorded already; returns whether this one was. */
    boolean closing(CloseReason reason) {
        return CLOSE_REASON.compareAndSet(this, null, reason);
    }

    /** The reason recorded, or null. */
    CloseReason closeReason() {
        return closeReason;
    }
}
