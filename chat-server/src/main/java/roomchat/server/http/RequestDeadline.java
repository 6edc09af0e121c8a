package roomchat.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.CharsetUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/**
 * Gives an HTTP connection a fixed time to send a complete request: from the moment it opens, and
 * again from each answer on a kept-alive connection. Bytes trickling in do not put it off. When it
 * passes, the connection gets {@code 408 Request Timeout} and is closed. It sits above the
 * aggregator, so it sees whole requests and the answers to them, and leaves with the other
 * HTTP-only handlers when the connection becomes a WebSocket. Zero means never. One per
 * connection, on its event loop.
 */
final class RequestDeadline extends ChannelDuplexHandler {

    private final long limitMillis;
    private ScheduledFuture<?> task;
    /** Requests received and not yet answered; the deadline runs only while there are none. */
    private int unanswered;

    RequestDeadline(Duration limit) {
        this.limitMillis = limit.toMillis();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            unanswered++;
            cancel();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // A 1xx (such as the WebSocket's 101) is not the answer; the next request's time starts once it is sent.
        if (msg instanceof FullHttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            promise = promise.unvoid();
            promise.addListener(sent -> answered(ctx));
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void answered(ChannelHandlerContext ctx) {
        if (unanswered > 0) {
            unanswered--;
        }
        if (unanswered == 0 && ctx.channel().isActive() && !ctx.isRemoved()) {
            start(ctx);
        }
    }

    private void start(ChannelHandlerContext ctx) {
        cancel();
        if (limitMillis > 0) {
            task = ctx.executor().schedule(() -> expire(ctx), limitMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void cancel() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private static void expire(ChannelHandlerContext ctx) {
        FullHttpResponse timeout = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                Unpooled.copiedBuffer("request timeout\n", CharsetUtil.UTF_8));
        timeout.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, timeout.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        Connections.closeAfter(ctx, timeout, CloseReason.REQUEST_TIMEOUT);
    }
}
