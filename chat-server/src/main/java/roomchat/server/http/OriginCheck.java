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
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/**
 * Refuses WebSocket upgrades from pages of other sites, so that a page elsewhere can't chat in a
 * visitor's name. With no list, only pages served from this host (the {@code Host} the browser
 * asked for) may connect; {@code *} allows every origin; otherwise each entry is an origin such as
 * {@code https://chat.example.org}. Requests without an {@code Origin} header come from programs,
 * not pages, and pass.
 */
@ChannelHandler.Sharable
final class OriginCheck extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(OriginCheck.class);
    private static final String ANY = "*";

    private final List<String> allowed;

    OriginCheck(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(origin -> origin.strip().toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && isUpgrade(request) && !permitted(request)) {
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

    private boolean permitted(FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null || allowed.contains(ANY)) {
            return true;
        }
        if (!allowed.isEmpty()) {
            return allowed.contains(origin.toLowerCase(Locale.ROOT));
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
