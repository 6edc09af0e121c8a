package roomchat.server.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.CharsetUtil;
import roomchat.core.command.Input;
import roomchat.server.codec.LineInputs;
import roomchat.server.codec.TerminalLines;

/**
 * TCP's line codec. Inbound, it cuts the byte stream into lines, and passes each on as the
 * {@link Input} it makes ({@link LineInputs}), decoded from UTF-8 (bad bytes becoming U+FFFD); a
 * blank line goes no further. A line ends at {@code \n}, and a {@code \r} just before it is dropped
 * too. Outbound, the notices and Strings written to the connection become lines of bytes
 * ({@link TerminalLines}); room lines, already bytes, pass by.
 *
 * <p>A line longer than the limit fails with a {@link TooLongFrameException}, fired (not thrown,
 * so the lines after it in the same read still pass), once, and is skipped to its end. It fails as
 * soon as its bytes pass the limit by two (one byte of slack is kept for a {@code \r} whose
 * {@code \n} is in the next read, so that a line of exactly the limit is never refused), or at its
 * end if it passes by one. At most the limit plus one byte is ever buffered.
 *
 * <p>Its own framing rather than Netty's {@code LineBasedFrameDecoder} (with the same results), and
 * decoding, parsing and encoding here rather than in handlers of their own: every idle connection
 * has one, and this one is half the size and saves three pipeline contexts (64 bytes each). Only
 * the bytes of an unfinished line are kept, and none while there are none.
 *
 * <p><b>Thread:</b> one per connection, on its event loop.
 */
final class LineCodec extends ChannelDuplexHandler {

    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final int maxLineBytes;
    private final LineInputs inputs;
    private final TerminalLines lines;
    /** The start of a line whose end has not arrived yet; null when there is none. */
    private ByteBuf unfinished;
    /** Skipping the rest of a line that failed for being too long. */
    private boolean discarding;
    /** Something was passed on (a line, or its failure) since the last read completed. */
    private boolean passedOn;

    LineCodec(int maxLineBytes, LineInputs inputs, TerminalLines lines) {
        this.maxLineBytes = maxLineBytes;
        this.inputs = inputs;
        this.lines = lines;
    }

    /** A failure to encode (no memory for the bytes) fails the write's promise, which the writer sees. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(lines.encodes(msg) ? lines.encode(ctx.alloc(), msg) : msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (bytes.isReadable()) {
                int lineEnd = bytes.indexOf(bytes.readerIndex(), bytes.writerIndex(), LF);
                if (lineEnd < 0) {
                    keepUnfinished(ctx, bytes);
                } else if (discarding) {
                    discarding = false;
                    bytes.readerIndex(lineEnd + 1);
                } else {
                    lineEnded(ctx, bytes, lineEnd);
                }
            }
        } finally {
            bytes.release();
        }
    }

    /** The rest of {@code bytes} has no line end: it is kept for the next read, unless the line is too long. */
    private void keepUnfinished(ChannelHandlerContext ctx, ByteBuf bytes) {
        int length = bytes.readableBytes();
        if (discarding) {
            bytes.skipBytes(length);
            return;
        }
        long kept = length + unfinishedBytes();
        if (kept > maxLineBytes + 1L) {
            // Over by two: even if its last byte is a \r, the line is too long.
            dropUnfinished();
            bytes.skipBytes(length);
            discarding = true;
            tooLong(ctx, kept);
            return;
        }
        if (unfinished == null) {
            unfinished = ctx.alloc().buffer(length);
        }
        unfinished.writeBytes(bytes);
    }

    /** A line ends at {@code lineEnd} in {@code bytes}; its start may be {@link #unfinished}. */
    private void lineEnded(ChannelHandlerContext ctx, ByteBuf bytes, int lineEnd) {
        passedOn = true;
        int start = bytes.readerIndex();
        bytes.readerIndex(lineEnd + 1);
        long length = lineEnd - start + unfinishedBytes();
        if (length > maxLineBytes + 1L) {
            // Too long even if it ends in \r: no need to gather it.
            dropUnfinished();
            tooLong(ctx, length);
            return;
        }
        ByteBuf line = bytes.slice(start, lineEnd - start);
        if (unfinished != null) {
            line = unfinished.writeBytes(line);
        }
        try {
            int textLength = line.readableBytes();
            if (textLength > 0 && line.getByte(line.writerIndex() - 1) == CR) {
                textLength--;
            }
            if (textLength > maxLineBytes) {
                tooLong(ctx, textLength);
                return;
            }
            Input input = inputs.read(line.toString(line.readerIndex(), textLength, CharsetUtil.UTF_8));
            if (input != null) {
                ctx.fireChannelRead(input);
            }
        } finally {
            dropUnfinished();
        }
    }

    private long unfinishedBytes() {
        return unfinished == null ? 0 : unfinished.readableBytes();
    }

    private void tooLong(ChannelHandlerContext ctx, long length) {
        ctx.fireExceptionCaught(new TooLongFrameException(
                "line of " + length + " bytes or more, over the limit of " + maxLineBytes));
    }

    /**
     * As Netty's decoders do: if reading is off (the application reads on demand) and no line
     * ended in this read, only part of one came, asks for more, so that the line can end.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!passedOn && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
        passedOn = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // A last line without its line end goes no further, as with Netty's framer.
        dropUnfinished();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        dropUnfinished();
    }

    private void dropUnfinished() {
        if (unfinished != null) {
            unfinished.release();
            unfinished = null;
        }
    }
}
