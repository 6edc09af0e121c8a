package roomchat.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/**
 * Refuses WebSocket upgrades from pages of other sites, so that a page elsewhere can't chat in a
 * visitor's name: the {@code Origin} must be one {@link AllowedOrigins} permits. Requests without
 * an {@code Origin} header come from programs, not pages, and pass.
 */
@ChannelHandler.Sharable
final class OriginCheck extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(OriginCheck.class);
    private final AllowedOrigins allowed;

    OriginCheck(AllowedOrigins allowed) {
        this.allowed = allowed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && isUpgrade(request) && !permitted(ctx, request)) {
            log.info("{} refused: websocket from origin {}", Connections.describe(ctx.channel()),
                    request.headers().get(HttpHeaderNames.ORIGIN));
            ReferenceCountUtil.release(request);
            FullHttpResponse forbidden = new DefaultFullHttpResponse(request.protocolVersion(),
                    HttpResponseStatus.FORBIDDEN, Unpooled.copiedBuffer("cross-site websocket refused\n", CharsetUtil.UTF_8));
            forbidden.headers().set(HttpHeaderNames.CONTENT_LENGTH, forbidden.content().readableBytes());
            Connections.closing(ctx.channel(), CloseReason.FORBIDDEN_ORIGIN);
            ctx.writeAndFlush(forbidden).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isUpgrade(FullHttpRequest request) {
        return HttpChatInitializer.WEBSOCKET_PATH.equals(new QueryStringDecoder(request.uri()).path());
    }

    private boolean permitted(ChannelHandlerContext ctx, FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        return origin == null || allowed.permits(origin, ctx.channel().localAddress());
    }
}
