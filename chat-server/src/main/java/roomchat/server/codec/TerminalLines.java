package roomchat.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.time.ZoneId;
import java.util.List;
import roomchat.core.event.Notice;
import roomchat.core.render.LineRenderer;
import roomchat.core.text.TerminalWrap;

/**
 * Everything the server answers a TCP connection with, as a terminal shows it: each {@link Notice}
 * rendered as lines ({@link LineRenderer}), each line (those and String answers) wrapped to the
 * terminal's width ({@link TerminalWrap}) so that a terminal never wraps it itself, then written as
 * UTF-8 with a {@code \n} line end. One handler for the three jobs, since every TCP connection needs
 * all of them: a pipeline context is 64 bytes on every idle connection. Room lines arrive already
 * encoded (and wrapped by the dispatcher), and pass by.
 */
@ChannelHandler.Sharable
public final class TerminalLineEncoder extends MessageToMessageEncoder<Object> {

    private static final byte LINE_END = '\n';

    private final LineRenderer renderer = new LineRenderer(ZoneId.systemDefault());
    private final int width;

    /** {@code width} 0: lines are not wrapped. */
    public TerminalLineEncoder(int width) {
        this.width = width;
    }

    /**
     * Room lines pass here as buffers, one write per recipient: they are told apart by a class check
     * first, as in {@link NoticeEncoder}, so that interface checks never fail on them.
     */
    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return !(msg instanceof ByteBuf) && (msg instanceof Notice || msg instanceof CharSequence);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        List<String> lines = msg instanceof Notice notice
                ? renderer.lines(notice).stream().map(this::wrapped).toList()
                : List.of(wrapped(msg.toString()));
        int maxBytes = 0;
        for (String line : lines) {
            maxBytes += ByteBufUtil.utf8MaxBytes(line) + 1;
        }
        ByteBuf bytes = ctx.alloc().buffer(maxBytes);
        for (String line : lines) {
            ByteBufUtil.writeUtf8(bytes, line);
            bytes.writeByte(LINE_END);
        }
        out.add(bytes);
    }

    private String wrapped(String line) {
        return width > 0 ? TerminalWrap.wrap(line, width) : line;
    }
}
