package roomchat.server.codec;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import roomchat.core.text.TerminalWrap;

/**
 * Wraps each String line the server answers with to the terminal's width ({@link TerminalWrap}), so
 * that a terminal never wraps it itself. Room lines arrive already encoded, and wrapped by the
 * dispatcher, and pass by.
 */
@ChannelHandler.Sharable
public final class TerminalWrapEncoder extends MessageToMessageEncoder<CharSequence> {

    private final int width;

    public TerminalWrapEncoder(int width) {
        super(CharSequence.class);
        this.width = width;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CharSequence line, List<Object> out) {
        out.add(TerminalWrap.wrap(line.toString(), width));
    }
}
