package roomchat.server.codec;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import roomchat.core.command.Input;
import roomchat.core.command.InputParser;

/** Turns each decoded line into an {@link Input}, and counts it; blank lines go no further. */
@ChannelHandler.Sharable
public final class LineToInputDecoder extends MessageToMessageDecoder<String> {

    private final InputParser parser;
    private final LongAdder linesIn;

    public LineToInputDecoder(InputParser parser, LongAdder linesIn) {
        super(String.class);
        this.parser = parser;
        this.linesIn = linesIn;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, String line, List<Object> out) {
        Optional<Input> input = parser.parse(line);
        if (input.isPresent()) {
            linesIn.increment();
            out.add(input.get());
        }
    }
}
