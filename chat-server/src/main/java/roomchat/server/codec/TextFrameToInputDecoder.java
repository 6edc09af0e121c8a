package roomchat.server.codec;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import roomchat.core.command.Input;

/**
 * Turns each WebSocket text frame into one line, under the same byte limit as a TCP line (a longer
 * frame is dropped with the same error), and the line into an {@link Input} ({@link LineInputs}).
 * Binary frames carry no lines and are dropped.
 */
@ChannelHandler.Sharable
public final class TextFrameToInputDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    private final int maxLineBytes;
    private final LineInputs inputs;

    public TextFrameToInputDecoder(int maxLineBytes, LineInputs inputs) {
        super(WebSocketFrame.class);
        this.maxLineBytes = maxLineBytes;
        this.inputs = inputs;
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
        Input input = inputs.read(text.text());
        if (input != null) {
            out.add(input);
        }
    }
}
