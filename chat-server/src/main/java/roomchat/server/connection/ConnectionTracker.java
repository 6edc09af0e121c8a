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
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.chat.Lines;

/**
 * Admits connections within the server's limits, keeps the set of open ones, and logs each
 * arrival and departure with its reason. One instance serves every connection of a server.
 *
 * <p>A connection over a limit gets one error line and is closed before it is greeted; nobody
 * else notices. <b>Threads:</b> called from every event loop; the counts are atomic.
 */
@ChannelHandler.Sharable
public final class ConnectionTracker extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionTracker.class);
    private static final AttributeKey<Boolean> ADMITTED = AttributeKey.valueOf("roomchat.admitted");
    private static final byte[] SERVER_FULL = line(Lines.error("server full"));
    private static final byte[] TOO_MANY_FROM_ADDRESS = line(Lines.error("too many connections from your address"));

    private final int maxConnections;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentMap<InetAddress, Integer> openByAddress = new ConcurrentHashMap<>();
    private final ChannelGroup admitted = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    private final Map<CloseReason, LongAdder> disconnects = new ConcurrentHashMap<>();

    public ConnectionTracker(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /** Every admitted connection still open. */
    public ChannelGroup connections() {
        return admitted;
    }

    /** How many admitted connections are open. */
    public int openCount() {
        return open.get();
    }

    /** How many admitted connections have closed so far, for each reason. */
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
            reject(ctx, SERVER_FULL, CloseReason.SERVER_FULL);
            return;
        }
        InetAddress address = address(channel);
        if (openByAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
            release(address);
            reject(ctx, TOO_MANY_FROM_ADDRESS, CloseReason.TOO_MANY_FROM_ADDRESS);
            return;
        }
        channel.attr(ADMITTED).set(Boolean.TRUE);
        admitted.add(channel);
        log.info("{} connected", channel.remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        if (Boolean.TRUE.equals(channel.attr(ADMITTED).get())) {
            open.decrementAndGet();
            release(address(channel));
            CloseReason reason = Connections.closeReason(channel);
            disconnects.computeIfAbsent(reason, r -> new LongAdder()).increment();
            log.info("{} disconnected: {}", Connections.describe(channel), reason);
            ctx.fireChannelInactive();
        }
    }

    private void reject(ChannelHandlerContext ctx, byte[] line, CloseReason reason) {
        log.info("{} refused: {}", ctx.channel().remoteAddress(), reason);
        disconnects.computeIfAbsent(reason, r -> new LongAdder()).increment();
        ctx.channel().config().setAutoRead(false);
        Connections.closeAfter(ctx, Unpooled.wrappedBuffer(line), reason);
    }

    private void release(InetAddress address) {
        openByAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }

    private static InetAddress address(Channel channel) {
        return Connections.clientAddress(channel);
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(CharsetUtil.UTF_8);
    }
}
