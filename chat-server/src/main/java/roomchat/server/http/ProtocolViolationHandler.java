package roomchat.server.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.CharsetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/**
 * Ends a WebSocket that broke the protocol (an unmasked frame, a reserved opcode, a text frame that
 * is not UTF-8, a frame over the size limit) with exactly one Close frame saying why, then closes
 * it. Netty's decoders are told not to send their own: they write it from below the protocol
 * handler, which then doesn't know a Close frame went out and sends a second one on the close.
 * Written from here, the frame passes the protocol handler, and the close waits for it.
 */
@ChannelHandler.Sharable
final class ProtocolViolationHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ProtocolViolationHandler.class);
    /** The longest reason a Close frame may carry (RFC 6455, 5.5: a control frame holds 125 bytes). */
    private static final int MAX_REASON_BYTES = 123;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof CorruptedWebSocketFrameException violation)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        log.debug("{} broke the websocket protocol: {}", Connections.describe(ctx.channel()), violation.toString());
        Connections.closing(ctx.channel(), CloseReason.CONNECTION_ERROR);
        if (ctx.channel().isActive()) {
            WebSocketCloseStatus status = violation.closeStatus();
            ctx.writeAndFlush(new CloseWebSocketFrame(status, reason(violation, status)))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    private static String reason(CorruptedWebSocketFrameException violation, WebSocketCloseStatus status) {
        String message = violation.getMessage();
        return message == null || message.getBytes(CharsetUtil.UTF_8).length > MAX_REASON_BYTES
                ? status.reasonText() : message;
    }
}
