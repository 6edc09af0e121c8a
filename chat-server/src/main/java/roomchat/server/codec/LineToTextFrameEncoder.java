package roomchat.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/**
 * Turns each line the server sends into one WebSocket text frame: a String answer, or room lines
 * that arrive already encoded (UTF-8, each with its line end, several to a buffer when the room
 * sends a run of them), whose bytes are reused without a copy, one frame per line.
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
            int start = encoded.readerIndex();
            int end = encoded.writerIndex();
            while (start < end) {
                int lineEnd = encoded.indexOf(start, end, LINE_END);
                int stop = lineEnd < 0 ? end : lineEnd;
                out.add(new TextWebSocketFrame(encoded.retainedSlice(start, stop - start)));
                start = stop + 1;
            }
        } else {
            out.add(new TextWebSocketFrame(line.toString()));
        }
    }
}
