package roomchat.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/**
 * Turns each line the server sends into one WebSocket text frame: a String answer, or a room line
 * that arrives already encoded (UTF-8 with its line end), whose bytes are reused without a copy.
 */
@ChannelHandler.Sharable
public final class LineToTextFrameEncoder extends MessageToMessageEncoder<Object> {

    private static final byte LINE_END = '\n';

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof CharSequence || msg instanceof ByteBuf;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object line, List<Object> out) {
        if (line instanceof ByteBuf encoded) {
            int length = encoded.readableBytes();
            boolean ended = length > 0 && encoded.getByte(encoded.readerIndex() + length - 1) == LINE_END;
            out.add(new TextWebSocketFrame(encoded.retainedSlice(encoded.readerIndex(), ended ? length - 1 : length)));
        } else {
            out.add(new TextWebSocketFrame(line.toString()));
        }
    }
}
