package roomchat.server.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.ConnectionTracker;
import roomchat.server.connection.Connections;

/**
 * TCP from a trusted proxy: takes the PROXY protocol header that Netty's
 * {@link HAProxyMessageDecoder} (just below) decoded, records the client's address it names, and
 * has the {@link ConnectionTracker} admit the connection under that address, which greets it.
 * Then it leaves the pipeline, as the decoder does once it has read the header; bytes that came
 * after the header go on up. A header the decoder can't read closes the connection, logged: a
 * trusted peer that speaks something else is misconfigured.
 */
@ChannelHandler.Sharable
public final class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ProxyHeaderHandler.class);

    private final ConnectionTracker tracker;

    public ProxyHeaderHandler(ConnectionTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Channel channel = ctx.channel();
        try {
            InetAddress client = clientOf(header);
            if (client != null) {
                Connections.clientAddress(channel, client);
            }
        } finally {
            header.release();
        }
        ctx.pipeline().remove(this);
        tracker.admitReported(channel);
    }

    /**
     * The client a PROXY header names, or null if the connection is the proxy's own: a LOCAL
     * command (such as a health check), or a protocol with no IP address (UNKNOWN, a Unix socket).
     */
    private static InetAddress clientOf(HAProxyMessage header) {
        if (header.command() != HAProxyCommand.PROXY) {
            return null;
        }
        return TrustedProxies.literal(header.sourceAddress());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof HAProxyProtocolException) {
            // The decoder has closed the connection already; this says why.
            log.info("{} refused: {} ({})", ctx.channel().remoteAddress(), CloseReason.BAD_PROXY_HEADER, cause.getMessage());
            Connections.close(ctx, CloseReason.BAD_PROXY_HEADER);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
