package roomchat.server.grpc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.ServerChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.server.connection.ConnectionCounts;

/**
 * Bounds the gRPC door's HTTP/2 connections themselves, at accept, before grpc-netty builds a
 * transport for them: at most {@code --grpc-max-transports} open, at most
 * {@code --grpc-max-transports-per-ip} from one address. A connection over a limit is closed at once
 * (the client sees {@code UNAVAILABLE}) and counted. Its calls are counted apart, as members
 * ({@link ChatDoor}): without this, a client could open connections that never start a call, each
 * costing the server an HTTP/2 transport, unhindered by any limit until the idle close.
 *
 * <p>It sits on the listening channel's own pipeline, in front of the acceptor Netty's
 * {@code ServerBootstrap} adds, where each accepted connection passes as a message:
 * {@link #channelFactory} makes the listening channel with it. <b>Threads:</b> the accept loop runs
 * {@link #channelRead}; a connection's close listener, on its own loop, gives its place back.
 */
@Sharable
final class TransportGate extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TransportGate.class);

    private final ConnectionCounts counts;
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder refused = new LongAdder();

    TransportGate(int maxConnections, int maxPerAddress) {
        this.counts = new ConnectionCounts(maxConnections, maxPerAddress);
    }

    /** Makes listening channels of {@code type} that pass what they accept through this gate first. */
    ChannelFactory<ServerChannel> channelFactory(Class<? extends ServerChannel> type) {
        ReflectiveChannelFactory<? extends ServerChannel> plain = new ReflectiveChannelFactory<>(type);
        return () -> {
            ServerChannel listening = plain.newChannel();
            listening.pipeline().addLast("transportGate", this);
            return listening;
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object accepted) {
        Channel connection = (Channel) accepted;
        InetAddress address = ((InetSocketAddress) connection.remoteAddress()).getAddress();
        if (!counts.take(address)) {
            refused.increment();
            log.debug("gRPC connection from {} refused: over the connection limits", address);
            // Not registered with a loop yet: closed as Netty's acceptor closes one it can't register.
            connection.unsafe().closeForcibly();
            return;
        }
        open.incrementAndGet();
        connection.closeFuture().addListener(closed -> {
            open.decrementAndGet();
            counts.release(address);
        });
        ctx.fireChannelRead(connection);
    }

    /** HTTP/2 connections open on the gRPC door now. */
    int open() {
        return open.get();
    }

    /** HTTP/2 connections refused at accept so far. */
    long refused() {
        return refused.sum();
    }
}
