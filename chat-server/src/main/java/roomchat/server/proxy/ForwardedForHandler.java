package roomchat.server.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.ConnectionTracker;
import roomchat.server.connection.Connections;

/**
 * HTTP from a trusted proxy: each request names its client in {@code X-Forwarded-For}
 * ({@link ForwardedFor}), and the {@link ConnectionTracker} counts the connection under that
 * address from then on; the WebSocket upgrade is such a request. A request whose client already
 * holds its share of connections is answered {@code 429 Too Many Requests} with the usual
 * refusal line as its body, and the connection is closed. One per connection; sits just above
 * the HTTP codec, so it sees a request's headers before its body is gathered.
 */
public final class ForwardedForHandler extends ChannelInboundHandlerAdapter {

    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");

    private final TrustedProxies trusted;
    private final ConnectionTracker tracker;
    /** Set once a request was refused: the rest of what was read is dropped while the answer goes out. */
    private boolean refused;

    public ForwardedForHandler(TrustedProxies trusted, ConnectionTracker tracker) {
        this.trusted = trusted;
        this.tracker = tracker;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            Channel channel = ctx.channel();
            InetAddress peer = ((InetSocketAddress) channel.remoteAddress()).getAddress();
            Connections.clientAddress(channel, ForwardedFor.client(peer,
                    request.headers().getAll(X_FORWARDED_FOR), trusted));
            if (!tracker.recount(channel)) {
                refused = true;
                ReferenceCountUtil.release(msg);
                refuse(ctx, request);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static void refuse(ChannelHandlerContext ctx, HttpRequest request) {
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.TOO_MANY_REQUESTS,
                Unpooled.copiedBuffer(ConnectionTracker.TOO_MANY_FROM_ADDRESS + "\n", CharsetUtil.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.channel().config().setAutoRead(false);
        Connections.closeWhenDone(ctx.writeAndFlush(response), CloseReason.TOO_MANY_FROM_ADDRESS);
    }
}
