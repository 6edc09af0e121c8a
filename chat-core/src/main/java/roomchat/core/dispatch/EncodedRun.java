package roomchat.core.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import java.util.List;
import roomchat.core.room.RoomMessage;

/**
 * A run of a room's lines encoded back to back into one buffer, each with its line end, so that a
 * recipient gets the whole run as one write of a slice of that buffer: one pass down the pipeline
 * and one outbound-buffer entry per recipient per run, not per line. A recipient that must not get
 * some lines (its own chat lines) gets the stretches between them, one slice each.
 *
 * <p>Holds one reference to its buffer; each slice written holds one more, released by the channel.
 */
final class EncodedRun {

    static final byte LINE_END = '\n';

    private final ByteBuf bytes;
    /** Where each line ends in {@link #bytes}, just past its line end. */
    private final int[] ends;
    /** For each line, the channel that must not receive it, or null. */
    private final Channel[] except;

    private EncodedRun(ByteBuf bytes, int[] ends, Channel[] except) {
        this.bytes = bytes;
        this.ends = ends;
        this.except = except;
    }

    /** Encodes {@code messages} (not empty) as UTF-8 into one buffer from {@code allocator}. */
    static EncodedRun encode(List<RoomMessage> messages, ByteBufAllocator allocator) {
        int capacity = 0;
        for (RoomMessage message : messages) {
            capacity += ByteBufUtil.utf8MaxBytes(message.line()) + 1;
        }
        ByteBuf bytes = allocator.buffer(capacity);
        int[] ends = new int[messages.size()];
        Channel[] except = new Channel[messages.size()];
        for (int i = 0; i < ends.length; i++) {
            RoomMessage message = messages.get(i);
            ByteBufUtil.writeUtf8(bytes, message.line());
            ends[i] = bytes.writeByte(LINE_END).writerIndex();
            except[i] = message.except();
        }
        return new EncodedRun(bytes, ends, except);
    }

    /** How many of the run's lines {@code channel} should get. */
    int linesFor(Channel channel) {
        int count = ends.length;
        for (Channel excluded : except) {
            if (excluded == channel) {
                count--;
            }
        }
        return count;
    }

    /** Writes (without flushing) every line {@code channel} should get, as few slices as the run allows. */
    void writeTo(Channel channel) {
        int from = 0;
        int start = 0;
        for (int i = 0; i < ends.length; i++) {
            if (except[i] == channel) {
                writeSlice(channel, from, start);
                from = ends[i];
            }
            start = ends[i];
        }
        writeSlice(channel, from, start);
    }

    private void writeSlice(Channel channel, int from, int to) {
        if (to > from) {
            channel.write(bytes.retainedSlice(from, to - from), channel.voidPromise());
        }
    }

    EncodedRun retain() {
        bytes.retain();
        return this;
    }

    void release() {
        bytes.release();
    }
}
