package roomchat.server.connection;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
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
 * arrival and departure with its reason. One instance serves every connection of a server.
 *
 * <p>A connection over a limit gets one error line and is closed before it is greeted; nobody
 * else notices. A connection counts against the total from the moment it opens, and against its
 * client's address once that is known: at once for most, but for one from a trusted proxy only
 * when the proxy has said whose it is ({@link #admitReported} on TCP, {@link #recount} on HTTP),
 * and never against the proxy's own address. The handlers above see the connection become active
 * only once it is admitted, so the greeting waits for that.
 *
 * <p><b>Threads:</b> called from every event loop; the counts are atomic, and each connection's
 * own state is touched only on its event loop.
 */
@ChannelHandler.Sharable
public final class ConnectionTracker extends ChannelInboundHandlerAdapter {

    /** What a connection over the per-address limit is told. */
    public static final String TOO_MANY_FROM_ADDRESS = LineRenderer.error("too many connections from your address");

    private static final Logger log = LoggerFactory.getLogger(ConnectionTracker.class);
    /** Counted in {@link #open}: from its start until it closes, unless the server was full. */
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("roomchat.counted");
    /** The address it is counted under in {@link #openByAddress}, once known. */
    private static final AttributeKey<InetAddress> COUNTED_UNDER = AttributeKey.valueOf("roomchat.countedUnder");
    /** The handlers above have seen it become active. */
    private static final AttributeKey<Boolean> ADMITTED = AttributeKey.valueOf("roomchat.admitted");
    /** Refused here with a line: counted and logged already, its input is dropped until it closes. */
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("roomchat.refused");
    private static final byte[] SERVER_FULL = line(LineRenderer.error("server full"));
    private static final byte[] TOO_MANY_FROM_ADDRESS_LINE = line(TOO_MANY_FROM_ADDRESS);

    private final int maxConnections;
    private final int maxPerAddress;
    private final Duration proxyHeaderTimeout;
    private final Duration firstRequestTimeout;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentMap<InetAddress, Integer> openByAddress = new ConcurrentHashMap<>();
    private final ChannelGroup everyOpen = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    private final Map<CloseReason, LongAdder> disconnects = new ConcurrentHashMap<>();

    /** Limits without a deadline for a proxy's report (for tests of the counting alone). */
    public ConnectionTracker(int maxConnections, int maxPerAddress) {
        this(maxConnections, maxPerAddress, Duration.ZERO, Duration.ZERO);
    }

    /**
     * {@code proxyHeaderTimeout} (TCP) and {@code firstRequestTimeout} (HTTP) bound how long a trusted
     * proxy's connection may wait to say whose it is; zero: no limit. (Once admitted, the session's own
     * deadlines take over.)
     */
    public ConnectionTracker(int maxConnections, int maxPerAddress, Duration proxyHeaderTimeout,
                             Duration firstRequestTimeout) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.proxyHeaderTimeout = proxyHeaderTimeout;
        this.firstRequestTimeout = firstRequestTimeout;
    }

    /** Every connection counted against the limits and still open. */
    public ChannelGroup connections() {
        return everyOpen;
    }

    /** How many connections count against the total limit now. */
    public int openCount() {
        return open.get();
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
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            refuse(ctx, SERVER_FULL, CloseReason.SERVER_FULL);
            return;
        }
        channel.attr(COUNTED).set(Boolean.TRUE);
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
        if (ctx != null && !is(channel, ADMITTED) && !is(channel, REFUSED)) {
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
        if (ctx == null || !is(channel, COUNTED)) {
            return false;
        }
        if (!countUnderClientAddress(channel)) {
            log.info("{} refused: {}", Connections.describe(channel), CloseReason.TOO_MANY_FROM_ADDRESS);
            Connections.closing(channel, CloseReason.TOO_MANY_FROM_ADDRESS);
            return false;
        }
        if (!is(channel, ADMITTED)) {
            admitted(ctx);
        }
        return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (is(ctx.channel(), REFUSED)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        if (is(channel, COUNTED)) {
            open.decrementAndGet();
            InetAddress countedUnder = channel.attr(COUNTED_UNDER).get();
            if (countedUnder != null) {
                release(countedUnder);
            }
        }
        if (is(channel, REFUSED)) {
            return;
        }
        CloseReason reason = Connections.closeReason(channel);
        disconnects.computeIfAbsent(reason, r -> new LongAdder()).increment();
        if (is(channel, ADMITTED)) {
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
            if (ctx.channel().isActive() && !is(ctx.channel(), ADMITTED)) {
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
        channel.attr(ADMITTED).set(Boolean.TRUE);
        log.info("{} connected", Connections.describe(channel));
        ctx.fireChannelActive();
    }

    /**
     * Counts {@code channel} under its client's address (instead of the one it was counted under
     * before, if that differs), unless that address is at its limit.
     */
    private boolean countUnderClientAddress(Channel channel) {
        InetAddress address = Connections.clientAddress(channel);
        InetAddress previous = channel.attr(COUNTED_UNDER).get();
        if (address.equals(previous)) {
            return true;
        }
        if (openByAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
            release(address);
            return false;
        }
        channel.attr(COUNTED_UNDER).set(address);
        if (previous != null) {
            release(previous);
        }
        return true;
    }

    private void refuse(ChannelHandlerContext ctx, byte[] line, CloseReason reason) {
        Channel channel = ctx.channel();
        log.info("{} refused: {}", Connections.describe(channel), reason);
        disconnects.computeIfAbsent(reason, r -> new LongAdder()).increment();
        channel.attr(REFUSED).set(Boolean.TRUE);
        channel.config().setAutoRead(false);
        Connections.closeAfter(ctx, Unpooled.wrappedBuffer(line), reason);
    }

    private void release(InetAddress address) {
        openByAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }

    private static boolean is(Channel channel, AttributeKey<Boolean> flag) {
        return Boolean.TRUE.equals(channel.attr(flag).get());
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(CharsetUtil.UTF_8);
    }
}
