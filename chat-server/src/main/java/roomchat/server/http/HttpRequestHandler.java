package roomchat.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.CharsetUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Answers plain HTTP: {@code GET /} the web page (with its script and style, from the jar's
 * resources), {@code GET /healthz} 200 while the server accepts connections, and
 * {@code GET /metrics} in Prometheus' text format. Anything else is a 404 or a 405.
 */
@ChannelHandler.Sharable
public final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** Pages may load only this server's own script and style, and talk only to its WebSocket. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self' ws: wss:; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private record Resource(byte[] bytes, String contentType) {
    }

    private final Map<String, Resource> resources = Map.of(
            "/", load("index.html", "text/html; charset=utf-8"),
            "/app.js", load("app.js", "text/javascript; charset=utf-8"),
            "/app.css", load("app.css", "text/css; charset=utf-8"));
    private final BooleanSupplier accepting;
    private final Supplier<String> metrics;

    /** {@code accepting} says whether the server takes connections; {@code metrics} renders them. */
    public HttpRequestHandler(BooleanSupplier accepting, Supplier<String> metrics) {
        super(FullHttpRequest.class);
        this.accepting = accepting;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, text("bad request"), "text/plain; charset=utf-8");
            return;
        }
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, text("GET only"), "text/plain; charset=utf-8");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        Resource resource = resources.get(path);
        if (resource != null) {
            respond(ctx, request, HttpResponseStatus.OK, Unpooled.wrappedBuffer(resource.bytes()), resource.contentType());
        } else if (path.equals("/healthz")) {
            boolean up = accepting.getAsBoolean();
            respond(ctx, request, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    text(up ? "ok" : "shutting down"), "text/plain; charset=utf-8");
        } else if (path.equals("/metrics")) {
            respond(ctx, request, HttpResponseStatus.OK, Unpooled.copiedBuffer(metrics.get(), CharsetUtil.UTF_8), PROMETHEUS_TEXT);
        } else {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, text("not found"), "text/plain; charset=utf-8");
        }
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                                ByteBuf body, String contentType) {
        boolean head = HttpMethod.HEAD.equals(request.method());
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status,
                head ? Unpooled.EMPTY_BUFFER : body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set("X-Content-Type-Options", "nosniff")
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (head) {
            body.release();
        }
        // After a request it could not parse, the decoder reads no more: nothing else can follow.
        boolean keepAlive = HttpUtil.isKeepAlive(request) && status != HttpResponseStatus.BAD_REQUEST;
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static ByteBuf text(String line) {
        return Unpooled.copiedBuffer(line + "\n", CharsetUtil.UTF_8);
    }

    private static Resource load(String name, String contentType) {
        try (InputStream in = HttpRequestHandler.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("web/" + name + " is missing from the jar");
            }
            return new Resource(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
