package roomchat.server.connection;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A place in the connection limits held by a connection that is not one of the server's channels: a
 * gRPC call, which counts from its start until it ends. Made by {@link ConnectionTracker#admit}.
 * An admitted ticket is {@link #release}d once, when the call has ended; that counts it among the
 * disconnects under the reason recorded first ({@link #closing}, as {@link Connections#closing} is for a
 * channel), or {@link CloseReason#CLOSED_BY_CLIENT} when the server gave none. A refused ticket holds
 * no place: it was counted and logged when it was refused, and its release does nothing.
 *
 * <p><b>Threads:</b> any. The reason is set by compare-and-set (the first one wins), and the release
 * happens once whoever calls it.
 */
public final class CallTicket {

    private final ConnectionTracker tracker;
    private final InetAddress address;
    private final String transport;
    private final String peer;
    private final CloseReason refusal;
    private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
    private final AtomicBoolean released = new AtomicBoolean();
    /** Who it speaks for, once named: for the disconnect log. */
    private volatile String member;

    CallTicket(ConnectionTracker tracker, InetAddress address, String transport, String peer, CloseReason refusal) {
        this.tracker = tracker;
        this.address = address;
        this.transport = transport;
        this.peer = peer;
        this.refusal = refusal;
        released.set(refusal != null);
    }

    /** Why the call was refused ({@link CloseReason#SERVER_FULL} or {@link CloseReason#TOO_MANY_FROM_ADDRESS}); null when it was admitted. */
    public CloseReason refusal() {
        return refusal;
    }

    /** What a refused call is told, in the words nc users get; null when it was admitted. */
    public String refusalWords() {
        return refusal == null ? null : ConnectionTracker.refusalWords(refusal);
    }

    /** Records why the server is ending the call, unless a reason was recorded already; returns whether this one was. */
    public boolean closing(CloseReason reason) {
        return closeReason.compareAndSet(null, reason);
    }

    /** Records the member the call speaks for, for the logs. */
    public void named(Object who) {
        member = String.valueOf(who);
    }

    /** The call has ended: its place is given back and its end counted. Once; later calls do nothing. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            CloseReason reason = closeReason.get();
            tracker.released(this, reason == null ? CloseReason.CLOSED_BY_CLIENT : reason);
        }
    }

    InetAddress address() {
        return address;
    }

    String transport() {
        return transport;
    }

    /** {@code alice grpc /127.0.0.1:50312}, or without the name before one is chosen: for logs. */
    String describe() {
        String who = member;
        return who == null ? transport + " " + peer : who + " " + transport + " " + peer;
    }
}
