package roomchat.server.codec;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import roomchat.core.command.Input;
import roomchat.core.command.InputParser;

/** Turns each decoded line into an {@link Input}; blank lines go no further. */
@ChannelHandler.Sharable
public final class LineToInputDecoder extends MessageToMessageDecoder<String> {

    private final InputParser parser;

    public LineToInputDecoder(InputParser parser) {
        super(String.class);
        this.parser = parser;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, String line, List<Object> out) {
        parser.parse(line).ifPresent(out::add);
    }
}
