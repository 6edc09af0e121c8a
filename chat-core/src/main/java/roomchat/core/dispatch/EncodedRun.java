package roomchat.core.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import java.util.List;
import java.util.function.UnaryOperator;
import roomchat.core.room.RoomMessage;
import roomchat.core.text.TerminalWrap;

/**
 * A run of a room's lines encoded back to back into one buffer, each with its line end, so that a
 * recipient gets the whole run as one write of a slice of that buffer: one pass down the pipeline
 * and one outbound-buffer entry per recipient per run, not per line. A recipient that must not get
 * some lines (its own chat lines) gets the stretches between them, one slice each.
 *
 * <p>When a line is wider than a terminal, the run is also encoded once with such lines wrapped
 * ({@link TerminalWrap}), and terminals get slices of that encoding instead; otherwise both are the
 * same buffer, and a recipient costs no more than before.
 *
 * <p>Holds one reference to each buffer; each slice written holds one more, released by the channel.
 */
final class EncodedRun {

    static final byte LINE_END = '\n';

    private final Encoding whole;
    private final Encoding forTerminals;
    /** For each line, the channel that must not receive it, or null. */
    private final Channel[] except;

    /** One encoding of the run's lines: the bytes, and where each line ends, just past its line end. */
    private record Encoding(ByteBuf bytes, int[] ends) {
    }

    private EncodedRun(Encoding whole, Encoding forTerminals, Channel[] except) {
        this.whole = whole;
        this.forTerminals = forTerminals;
        this.except = except;
    }

    /**
     * Encodes {@code messages} (not empty) as UTF-8 into buffers from {@code allocator}; lines wider
     * than {@code wrapWidth} columns (0: no limit) are wrapped for terminals.
     */
    static EncodedRun encode(List<RoomMessage> messages, ByteBufAllocator allocator, int wrapWidth) {
        Channel[] except = new Channel[messages.size()];
        boolean wrapping = false;
        for (int i = 0; i < except.length; i++) {
            RoomMessage message = messages.get(i);
            except[i] = message.except();
            wrapping |= wrapWidth > 0 && !TerminalWrap.fits(message.line(), wrapWidth);
        }
        Encoding whole = encode(messages, allocator, UnaryOperator.identity());
        if (!wrapping) {
            return new EncodedRun(whole, whole, except);
        }
        try {
            return new EncodedRun(whole, encode(messages, allocator, line -> TerminalWrap.wrap(line, wrapWidth)), except);
        } catch (RuntimeException | Error e) {
            whole.bytes().release();
            throw e;
        }
    }

    private static Encoding encode(List<RoomMessage> messages, ByteBufAllocator allocator, UnaryOperator<String> shown) {
        String[] lines = new String[messages.size()];
        int capacity = 0;
        for (int i = 0; i < lines.length; i++) {
            lines[i] = shown.apply(messages.get(i).line());
            capacity += ByteBufUtil.utf8MaxBytes(lines[i]) + 1;
        }
        ByteBuf bytes = allocator.buffer(capacity);
        int[] ends = new int[lines.length];
        for (int i = 0; i < lines.length; i++) {
            ByteBufUtil.writeUtf8(bytes, lines[i]);
            ends[i] = bytes.writeByte(LINE_END).writerIndex();
        }
        return new Encoding(bytes, ends);
    }

    /** How many of the run's lines {@code channel} should get. */
    int linesFor(Channel channel) {
        int count = except.length;
        for (Channel excluded : except) {
            if (excluded == channel) {
                count--;
            }
        }
        return count;
    }

    /** Writes (without flushing) every line {@code channel} should get, as few slices as the run allows. */
    void writeTo(Channel channel) {
        Encoding encoding = forTerminals != whole && Terminals.isTerminal(channel) ? forTerminals : whole;
        int[] ends = encoding.ends();
        int from = 0;
        int start = 0;
        for (int i = 0; i < ends.length; i++) {
            if (except[i] == channel) {
                writeSlice(channel, encoding.bytes(), from, start);
                from = ends[i];
            }
            start = ends[i];
        }
        writeSlice(channel, encoding.bytes(), from, start);
    }

    private static void writeSlice(Channel channel, ByteBuf bytes, int from, int to) {
        if (to > from) {
            channel.write(bytes.retainedSlice(from, to - from), channel.voidPromise());
        }
    }

    EncodedRun retain() {
        whole.bytes().retain();
        if (forTerminals != whole) {
            forTerminals.bytes().retain();
        }
        return this;
    }

    void release() {
        whole.bytes().release();
        if (forTerminals != whole) {
            forTerminals.bytes().release();
        }
    }
}
