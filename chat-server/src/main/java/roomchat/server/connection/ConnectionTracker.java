package roomchat.server.connection;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.render.LineRenderer;

/**
 * Admits connections within the server's limits, keeps the set of open ones, and logs each
 * arrival and departure with its reason. It also passes each connection's writability changes to
 * the {@link SlowConsumerWatch}, which stops reading from (and in time closes) one whose output
 * backs up. One instance serves every connection of a server.
 *
 * <p>A connection over a limit gets one error line and is closed before it is greeted; nobody
 * else notices. A connection counts against the total from the moment it opens, and against its
 * client's address once that is known: at once for most, but for one from a trusted proxy only
 * when the proxy has said whose it is ({@link #admitReported} on TCP, {@link #recount} on HTTP),
 * and never against the proxy's own address. The handlers above see the connection become active
 * only once it is admitted, so the greeting waits for that.
 *
 * <p>A connection that is not a channel of the server's (a gRPC call, an HTTP/2 stream) is counted
 * through {@link #admit}: the same counts, under the address it comes from, held by a {@link CallTicket}
 * until the call ends; a refused one is told with the same words, by its own door.
 *
 * <p><b>Threads:</b> called from every event loop; the counts are atomic ({@link ConnectionCounts}), and
 * each connection's own state (its {@link ConnectionState}) is touched only on its event loop.
 */
@ChannelHandler.Sharable
public final class ConnectionTracker extends ChannelInboundHandlerAdapter {

    /** Why a connection over the total limit is refused, in the words it is told. */
    public static final String SERVER_FULL_WORDS = "server full";
    /** Why a connection over the per-address limit is refused, in the words it is told. */
    public static final String TOO_MANY_FROM_ADDRESS_WORDS = "too many connections from your address";
    /** What a connection over the per-address limit is told, as a line. */
    public static final String TOO_MANY_FROM_ADDRESS = LineRenderer.error(TOO_MANY_FROM_ADDRESS_WORDS);

    private static final Logger log = LoggerFactory.getLogger(ConnectionTracker.class);
    private static final byte[] SERVER_FULL = line(LineRenderer.error(SERVER_FULL_WORDS));
    private static final byte[] TOO_MANY_FROM_ADDRESS_LINE = line(TOO_MANY_FROM_ADDRESS);

    private final Duration proxyHeaderTimeout;
    private final Duration firstRequestTimeout;
    private final SlowConsumerWatch slowConsumers;
    private final ConnectionCounts counts;
    /** Admitted calls not yet released ({@link #admit}), by transport: they are in no channel group. */
    private final ConcurrentMap<String, AtomicInteger> openCalls = new ConcurrentHashMap<>();
    private final ChannelGroup everyOpen = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    private final Map<CloseReason, LongAdder> disconnects = new ConcurrentHashMap<>();

    /**
     * {@code proxyHeaderTimeout} (TCP) and {@code firstRequestTimeout} (HTTP) bound how long a trusted
     * proxy's connection may wait to say whose it is; zero: no limit. (Once admitted, the session's own
     * deadlines take over.) {@code slowConsumerTimeout} is how long a connection's output may stay
     * over its high water mark before it is closed.
     */
    public ConnectionTracker(int maxConnections, int maxPerAddress, Duration proxyHeaderTimeout,
                             Duration firstRequestTimeout, Duration slowConsumerTimeout) {
        this.counts = new ConnectionCounts(maxConnections, maxPerAddress);
        this.proxyHeaderTimeout = proxyHeaderTimeout;
        this.firstRequestTimeout = firstRequestTimeout;
        this.slowConsumers = new SlowConsumerWatch(slowConsumerTimeout);
    }

    /** Every channel counted against the limits and still open (calls admitted through {@link #admit} are not in it). */
    public ChannelGroup connections() {
        return everyOpen;
    }

    /** How many connections count against the total limit now, channels and calls. */
    public int openCount() {
        return counts.open();
    }

    /** How many calls admitted through {@link #admit} are open now, by transport. */
    public Map<String, Integer> openCalls() {
        Map<String, Integer> open = new TreeMap<>();
        openCalls.forEach((transport, count) -> open.put(transport, count.get()));
        return open;
    }

    /**
     * Admits a connection that is not one of the server's channels (a gRPC call) from {@code address},
     * under the same limits as every channel: the ticket holds its place until it is released. When a
     * limit is reached the ticket says why ({@link CallTicket#refusal}, {@link CallTicket#refusalWords});
     * the refusal is logged and counted here, and the caller tells the client and ends the call, before
     * any greeting. {@code peer} names the connection in logs. Any thread.
     */
    public CallTicket admit(InetAddress address, String transport, String peer) {
        CloseReason refusal = null;
        if (!counts.takeTotal()) {
            refusal = CloseReason.SERVER_FULL;
        } else if (!counts.takeAddress(address)) {
            counts.releaseTotal();
            refusal = CloseReason.TOO_MANY_FROM_ADDRESS;
        }
        CallTicket ticket = new CallTicket(this, address, transport, peer, refusal);
        if (refusal != null) {
            log.info("{} refused: {}", ticket.describe(), refusal);
            countDisconnect(refusal);
        } else {
            openCalls.computeIfAbsent(transport, t -> new AtomicInteger()).incrementAndGet();
            log.info("{} connected", ticket.describe());
        }
        return ticket;
    }

    /** The words a connection refused for {@code refusal} (server full, or too many from its address) is told. */
    static String refusalWords(CloseReason refusal) {
        return refusal == CloseReason.SERVER_FULL ? SERVER_FULL_WORDS : TOO_MANY_FROM_ADDRESS_WORDS;
    }

    /** An admitted call's ticket was released (once), {@code reason} being why the call ended. */
    void released(CallTicket ticket, CloseReason reason) {
        counts.releaseTotal();
        counts.releaseAddress(ticket.address());
        openCalls.get(ticket.transport()).decrementAndGet();
        countDisconnect(reason);
        log.info("{} disconnected: {}", ticket.describe(), reason);
    }

    /** How many connections have closed so far, for each reason. */
    public Map<CloseReason, Long> disconnects() {
        Map<CloseReason, Long> counts = new EnumMap<>(CloseReason.class);
        disconnects.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        if (!counts.takeTotal()) {
            refuse(ctx, SERVER_FULL, CloseReason.SERVER_FULL);
            return;
        }
        ConnectionState.of(channel).counted = true;
        everyOpen.add(channel);
        if (Connections.isViaTrustedProxy(channel)) {
            log.debug("{} connected; waiting for the proxy to say whose connection it is", channel.remoteAddress());
            closeUnlessAdmittedIn(ctx);
            return;
        }
        admit(ctx);
    }

    /**
     * TCP from a trusted proxy: the proxy has reported the client's address
     * ({@link Connections#clientAddress(Channel, InetAddress)}, or none for its own connection).
     * Admits the connection under that address, which greets it, or refuses it with the usual
     * line. Call on the channel's event loop.
     */
    public void admitReported(Channel channel) {
        ChannelHandlerContext ctx = channel.pipeline().context(this);
        ConnectionState state = ConnectionState.of(channel);
        if (ctx != null && !state.admitted && !state.refused) {
            admit(ctx);
        }
    }

    /**
     * HTTP from a trusted proxy: a request has named its client
     * ({@link Connections#clientAddress(Channel, InetAddress)}). Counts the connection under that
     * address from now on, admitting it on its first request. Returns false, having recorded the
     * reason, if that address already holds its share: the caller answers the request with a
     * refusal and closes the connection. Call on the channel's event loop.
     */
    public boolean recount(Channel channel) {
        ChannelHandlerContext ctx = channel.pipeline().context(this);
        ConnectionState state = ConnectionState.of(channel);
        if (ctx == null || !state.counted) {
            return false;
        }
        if (!countUnderClientAddress(channel)) {
            log.info("{} refused: {}", Connections.describe(channel), CloseReason.TOO_MANY_FROM_ADDRESS);
            Connections.closing(channel, CloseReason.TOO_MANY_FROM_ADDRESS);
            return false;
        }
        if (!state.admitted) {
            admitted(ctx);
        }
        return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ConnectionState.of(ctx.channel()).refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ConnectionState state = ConnectionState.of(ctx.channel());
        if (!state.refused) {
            // A refused connection reads nothing anyway, and closes after its one line.
            slowConsumers.writabilityChanged(ctx, state);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        ConnectionState state = ConnectionState.of(channel);
        slowConsumers.closed(state);
        if (state.counted) {
            counts.releaseTotal();
            if (state.countedUnder != null) {
                counts.releaseAddress(state.countedUnder);
            }
        }
        if (state.refused) {
            return;
        }
        CloseReason reason = Connections.closeReason(channel);
        countDisconnect(reason);
        if (state.admitted) {
            log.info("{} disconnected: {}", Connections.describe(channel), reason);
        } else {
            // A proxy's connection that closed before the proxy said whose it was (a health check, say).
            log.debug("{} disconnected before it was admitted: {}", Connections.describe(channel), reason);
        }
        ctx.fireChannelInactive();
    }

    /** The session's deadlines start only on admission: until then, this one bounds the wait. */
    private void closeUnlessAdmittedIn(ChannelHandlerContext ctx) {
        boolean http = Connections.HTTP.equals(Connections.transport(ctx.channel()));
        Duration limit = http ? firstRequestTimeout : proxyHeaderTimeout;
        if (limit.isZero()) {
            return;
        }
        CloseReason reason = http ? CloseReason.REQUEST_TIMEOUT : CloseReason.BAD_PROXY_HEADER;
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive() && !ConnectionState.of(ctx.channel()).admitted) {
                Connections.close(ctx, reason);
            }
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void admit(ChannelHandlerContext ctx) {
        if (!countUnderClientAddress(ctx.channel())) {
            refuse(ctx, TOO_MANY_FROM_ADDRESS_LINE, CloseReason.TOO_MANY_FROM_ADDRESS);
            return;
        }
        admitted(ctx);
    }

    private void admitted(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        ConnectionState.of(channel).admitted = true;
        log.info("{} connected", Connections.describe(channel));
        ctx.fireChannelActive();
    }

    /**
     * Counts {@code channel} under its client's address (instead of the one it was counted under
     * before, if that differs), unless that address is at its limit.
     */
    private boolean countUnderClientAddress(Channel channel) {
        InetAddress address = Connections.clientAddress(channel);
        ConnectionState state = ConnectionState.of(channel);
        InetAddress previous = state.countedUnder;
        if (address.equals(previous)) {
            return true;
        }
        if (!counts.takeAddress(address)) {
            return false;
        }
        state.countedUnder = address;
        if (previous != null) {
            counts.releaseAddress(previous);
        }
        return true;
    }

    private void refuse(ChannelHandlerContext ctx, byte[] line, CloseReason reason) {
        Channel channel = ctx.channel();
        log.info("{} refused: {}", Connections.describe(channel), reason);
        countDisconnect(reason);
        ConnectionState.of(channel).refused = true;
        channel.config().setAutoRead(false);
        Connections.closeAfter(ctx, Unpooled.wrappedBuffer(line), reason);
    }

    private void countDisconnect(CloseReason reason) {
        disconnects.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(CharsetUtil.UTF_8);
    }
}
