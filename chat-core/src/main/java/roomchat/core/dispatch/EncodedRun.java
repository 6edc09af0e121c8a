package roomchat.core.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import roomchat.core.event.RoomEvent;
import roomchat.core.render.JsonRenderer;
import roomchat.core.render.LineRenderer;
import roomchat.core.text.TerminalWrap;

/**
 * A run of a room's events encoded back to back into one buffer per {@link Format} its recipients
 * speak, each event one line with its line end, so that a recipient gets the whole run as one write
 * of a slice of its format's buffer: one pass down the pipeline and one outbound-buffer entry per
 * recipient per run, not per event. A recipient that must not get some events (its own chat lines)
 * gets the stretches between them, one slice each. An event a format does not show is an empty
 * stretch in that format's buffer.
 *
 * <p>Terminals share the plain lines' buffer unless a line is wider than a terminal; only then are
 * the lines encoded a second time, wrapped ({@link TerminalWrap}).
 *
 * <p>Holds one reference to each buffer; each slice written holds one more, released by the channel.
 */
final class EncodedRun {

    static final byte LINE_END = '\n';

    private final Map<Format, Encoding> encodings;
    /** For each event, the channel that must not receive it, or null. */
    private final Channel[] except;

    /** One encoding of the run: the bytes, and where each event's line ends (just past its line end; empty when not shown). */
    private record Encoding(ByteBuf bytes, int[] ends) {
        boolean shows(int index) {
            return ends[index] > (index == 0 ? 0 : ends[index - 1]);
        }
    }

    private EncodedRun(Map<Format, Encoding> encodings, Channel[] except) {
        this.encodings = encodings;
        this.except = except;
    }

    /**
     * Encodes {@code events} (not empty) as UTF-8, for each of {@code formats}, into buffers from
     * {@code allocator}; lines wider than {@code wrapWidth} columns (0: no limit) are wrapped for terminals.
     */
    static EncodedRun encode(List<RoomEvent> events, Set<Format> formats, ByteBufAllocator allocator, int wrapWidth) {
        Channel[] except = new Channel[events.size()];
        for (int i = 0; i < except.length; i++) {
            RoomEvent event = events.get(i);
            except[i] = event.sparedMember() == null ? null : ChannelPort.channelOf(event.sparedMember().port());
        }
        Map<Format, Encoding> encodings = new EnumMap<>(Format.class);
        try {
            if (formats.contains(Format.LINES) || formats.contains(Format.TERMINAL)) {
                String[] lines = render(events, LineRenderer::line);
                Encoding plain = encode(lines, allocator);
                encodings.put(Format.LINES, plain);
                if (formats.contains(Format.TERMINAL)) {
                    encodings.put(Format.TERMINAL, fitsTerminal(lines, wrapWidth) ? plain : encode(wrapped(lines, wrapWidth), allocator));
                }
            }
            if (formats.contains(Format.JSON)) {
                encodings.put(Format.JSON, encode(render(events, JsonRenderer::json), allocator));
            }
        } catch (RuntimeException | Error e) {
            new EncodedRun(encodings, except).release();
            throw e;
        }
        return new EncodedRun(encodings, except);
    }

    private static String[] render(List<RoomEvent> events, Function<RoomEvent, String> renderer) {
        String[] lines = new String[events.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = renderer.apply(events.get(i));
        }
        return lines;
    }

    private static boolean fitsTerminal(String[] lines, int wrapWidth) {
        if (wrapWidth <= 0) {
            return true;
        }
        for (String line : lines) {
            if (line != null && !TerminalWrap.fits(line, wrapWidth)) {
                return false;
            }
        }
        return true;
    }

    private static String[] wrapped(String[] lines, int wrapWidth) {
        String[] wrapped = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            wrapped[i] = lines[i] == null ? null : TerminalWrap.wrap(lines[i], wrapWidth);
        }
        return wrapped;
    }

    /** The lines back to back, each with its line end; a null line takes no bytes. */
    private static Encoding encode(String[] lines, ByteBufAllocator allocator) {
        int capacity = 0;
        for (String line : lines) {
            capacity += line == null ? 0 : ByteBufUtil.utf8MaxBytes(line) + 1;
        }
        ByteBuf bytes = allocator.buffer(Math.max(capacity, 1));
        int[] ends = new int[lines.length];
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] != null) {
                ByteBufUtil.writeUtf8(bytes, lines[i]);
                bytes.writeByte(LINE_END);
            }
            ends[i] = bytes.writerIndex();
        }
        return new Encoding(bytes, ends);
    }

    private Encoding encodingFor(Format format) {
        Encoding encoding = encodings.get(format);
        return encoding != null ? encoding : encodings.get(Format.LINES);
    }

    /** How many of the run's lines {@code channel}, which speaks {@code format}, should get. */
    int linesFor(Channel channel, Format format) {
        Encoding encoding = encodingFor(format);
        int count = 0;
        for (int i = 0; i < except.length; i++) {
            if (except[i] != channel && encoding.shows(i)) {
                count++;
            }
        }
        return count;
    }

    /** Writes (without flushing) every line {@code channel} should get in {@code format}, as few slices as the run allows. */
    void writeTo(Channel channel, Format format) {
        Encoding encoding = encodingFor(format);
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
        distinctBuffers(ByteBuf::retain);
        return this;
    }

    void release() {
        distinctBuffers(ByteBuf::release);
    }

    /** Applies {@code action} once to each buffer (terminals may share the plain lines' buffer). */
    private void distinctBuffers(java.util.function.Consumer<ByteBuf> action) {
        Encoding plain = encodings.get(Format.LINES);
        for (Map.Entry<Format, Encoding> entry : encodings.entrySet()) {
            if (entry.getKey() != Format.TERMINAL || entry.getValue() != plain) {
                action.accept(entry.getValue().bytes());
            }
        }
    }
}
