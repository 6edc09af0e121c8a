package roomchat.server.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.CharsetUtil;
import roomchat.core.command.Input;
import roomchat.server.codec.LineInputs;

/**
 * Cuts the byte stream into lines, and passes each on as the {@link Input} it makes
 * ({@link LineInputs}), decoded from UTF-8 (bad bytes becoming U+FFFD); a blank line goes no
 * further. Decoding and parsing here rather than in handlers of their own saves every connection
 * two pipeline contexts. The framing is Netty's {@link LineBasedFrameDecoder} (line ends stripped, a too-long line
 * failed at once) with one byte of slack: Netty counts a {@code \r} against the limit until its {@code \n} arrives, so a
 * line of exactly the limit whose {@code \r} and {@code \n} come in separate reads would be refused.
 * A frame longer than the limit fails here with the same {@link TooLongFrameException}, so a longer
 * line is still refused once, as soon as it passes the limit by two bytes or ends, and skipped to
 * its end; at most the limit plus one byte is ever buffered.
 */
final class LineFramer extends LineBasedFrameDecoder {

    private final int maxLineBytes;
    private final LineInputs inputs;

    LineFramer(int maxLineBytes, LineInputs inputs) {
        super(withSlack(maxLineBytes), true, true);
        this.maxLineBytes = maxLineBytes;
        this.inputs = inputs;
    }

    private static int withSlack(int maxLineBytes) {
        return maxLineBytes == Integer.MAX_VALUE ? maxLineBytes : maxLineBytes + 1;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        Object frame = super.decode(ctx, buffer);
        if (frame instanceof ByteBuf line && line.readableBytes() > maxLineBytes) {
            int length = line.readableBytes();
            line.release();
            // Fired, not thrown, as Netty's framer does: the lines after it in this read still pass now.
            ctx.fireExceptionCaught(new TooLongFrameException(
                    "frame length (" + length + ") exceeds the allowed maximum (" + maxLineBytes + ")"));
            return null;
        }
        if (frame instanceof ByteBuf line) {
            try {
                // Null for a blank line: nothing to pass on, and the loop goes on to the next line.
                return inputs.read(line.toString(CharsetUtil.UTF_8));
            } finally {
                line.release();
            }
        }
        return frame;
    }
}
