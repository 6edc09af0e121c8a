package roomchat.server.codec;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * Turns each WebSocket text frame into one line, under the same byte limit as a TCP line; a longer
 * frame is dropped with the same error. Binary frames carry no lines and are dropped.
 */
@ChannelHandler.Sharable
public final class TextFrameToLineDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    private final int maxLineBytes;

    public TextFrameToLineDecoder(int maxLineBytes) {
        super(WebSocketFrame.class);
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        if (text.content().readableBytes() > maxLineBytes) {
            ctx.fireExceptionCaught(new TooLongFrameException("frame of " + text.content().readableBytes() + " bytes"));
            return;
        }
        out.add(text.text());
    }
}
