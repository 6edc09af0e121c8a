package roomchat.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import roomchat.core.text.TerminalWrap;

/**
 * Turns each String line the server answers with into UTF-8 bytes with a {@code \n} line end,
 * wrapped first to the terminal's width ({@link TerminalWrap}) so that a terminal never wraps it
 * itself. One handler for both jobs, since every TCP connection has both: a pipeline context
 * fewer for each. Room lines arrive already encoded (and wrapped by the dispatcher), and pass by.
 */
@ChannelHandler.Sharable
public final class TerminalLineEncoder extends MessageToMessageEncoder<CharSequence> {

    private static final byte LINE_END = '\n';

    private final int width;

    /** {@code width} 0: lines are not wrapped. */
    public TerminalLineEncoder(int width) {
        super(CharSequence.class);
        this.width = width;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CharSequence line, List<Object> out) {
        CharSequence text = width > 0 ? TerminalWrap.wrap(line.toString(), width) : line;
        ByteBuf bytes = ctx.alloc().buffer(ByteBufUtil.utf8MaxBytes(text) + 1);
        ByteBufUtil.writeUtf8(bytes, text);
        bytes.writeByte(LINE_END);
        out.add(bytes);
    }
}
