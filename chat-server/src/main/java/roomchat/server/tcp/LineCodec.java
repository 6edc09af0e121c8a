package roomchat.server.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.CharsetUtil;
import java.net.SocketAddress;
import roomchat.core.command.Input;
import roomchat.server.codec.LineInputs;
import roomchat.server.codec.TerminalLines;

/**
 * TCP's line codec, one handler for both ways. Inbound, Netty's {@link LineBasedFrameDecoder} cuts
 * the byte stream into lines (line ends stripped, a too-long line failed at once and skipped to its
 * end), and each line goes on as the {@link Input} it makes ({@link LineInputs}), decoded from UTF-8
 * (bad bytes becoming U+FFFD); a blank line goes no further. Outbound, the notices and Strings
 * written to the connection become lines of bytes ({@link TerminalLines}); room lines, already
 * bytes, pass by. One handler rather than a framer, a decoder, a parser and an encoder of their
 * own: every idle connection has one, and each pipeline context costs 64 bytes.
 *
 * <p>The framer is given one byte of slack: Netty counts a {@code \r} against the limit until its
 * {@code \n} arrives, so a line of exactly the limit whose {@code \r} and {@code \n} come in separate
 * reads would be refused. A line longer than the limit after stripping fails here with the same
 * {@link TooLongFrameException}, fired (not thrown) as Netty's framer does, so that the lines after
 * it in the same read still pass; at most the limit plus one byte is ever buffered.
 *
 * <p><b>Thread:</b> one per connection, on its event loop.
 */
final class LineCodec extends LineBasedFrameDecoder implements ChannelOutboundHandler {

    private final int maxLineBytes;
    private final LineInputs inputs;
    private final TerminalLines lines;

    LineCodec(int maxLineBytes, LineInputs inputs, TerminalLines lines) {
        super(withSlack(maxLineBytes), true, true);
        this.maxLineBytes = maxLineBytes;
        this.inputs = inputs;
        this.lines = lines;
    }

    private static int withSlack(int maxLineBytes) {
        return maxLineBytes == Integer.MAX_VALUE ? maxLineBytes : maxLineBytes + 1;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        Object frame = super.decode(ctx, buffer);
        if (!(frame instanceof ByteBuf line)) {
            return frame;
        }
        try {
            if (line.readableBytes() > maxLineBytes) {
                ctx.fireExceptionCaught(new TooLongFrameException(
                        "frame length (" + line.readableBytes() + ") exceeds the allowed maximum (" + maxLineBytes + ")"));
                return null;
            }
            return inputs.read(line.toString(CharsetUtil.UTF_8));
        } finally {
            line.release();
        }
    }

    /** A failure to encode (no memory for the bytes) fails the write's promise, which the writer sees. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(lines.encodes(msg) ? lines.encode(ctx.alloc(), msg) : msg, promise);
    }

    // The rest of the outbound side passes everything on.

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
        ctx.bind(localAddress, promise);
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, SocketAddress localAddress,
                        ChannelPromise promise) {
        ctx.connect(remoteAddress, localAddress, promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.disconnect(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.close(promise);
    }

    @Override
    public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.deregister(promise);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
    }
}
