package roomchat.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.time.ZoneId;
import java.util.List;
import roomchat.core.event.Notice;
import roomchat.core.render.LineRenderer;
import roomchat.core.text.TerminalWrap;

/**
 * Everything the server answers a TCP connection with, as a terminal shows it: each {@link Notice}
 * rendered as lines ({@link LineRenderer}), each line (those and String answers) wrapped to the
 * terminal's width ({@link TerminalWrap}) so that a terminal never wraps it itself, then written as
 * UTF-8 with a {@code \n} line end. Room lines arrive already encoded (and wrapped by the
 * dispatcher), and pass by. Not a handler: TCP's line codec calls it for what is written. One per
 * server; any thread.
 */
public final class TerminalLines {

    private static final byte LINE_END = '\n';

    private final LineRenderer renderer = new LineRenderer(ZoneId.systemDefault());
    private final int width;

    /** {@code width} 0: lines are not wrapped. */
    public TerminalLines(int width) {
        this.width = width;
    }

    /**
     * Whether {@code msg} is encoded here: a notice or a String. Room lines pass here as buffers, one
     * write per recipient: they are told apart by a class check first, as in {@link NoticeEncoder},
     * so that interface checks never fail on them.
     */
    public boolean encodes(Object msg) {
        return !(msg instanceof ByteBuf) && (msg instanceof Notice || msg instanceof CharSequence);
    }

    /** {@code msg} (which this {@link #encodes}) as bytes, in one buffer from {@code alloc}. */
    public ByteBuf encode(ByteBufAllocator alloc, Object msg) {
        List<String> lines = msg instanceof Notice notice
                ? renderer.lines(notice).stream().map(this::wrapped).toList()
                : List.of(wrapped(msg.toString()));
        int maxBytes = 0;
        for (String line : lines) {
            maxBytes += ByteBufUtil.utf8MaxBytes(line) + 1;
        }
        ByteBuf bytes = alloc.buffer(maxBytes);
        for (String line : lines) {
            ByteBufUtil.writeUtf8(bytes, line);
            bytes.writeByte(LINE_END);
        }
        return bytes;
    }

    private String wrapped(String line) {
        return width > 0 ? TerminalWrap.wrap(line, width) : line;
    }
}
