package roomchat.server.codec;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import roomchat.core.command.Input;
import roomchat.core.command.InputParser;

/**
 * Turns each line a connection sends into an {@link Input}, and counts it; a blank line comes to
 * nothing. Each transport's line decoder ({@code LineCodec} on TCP, {@link TextFrameToInputDecoder}
 * on a WebSocket) calls it on the lines it cuts out, rather than passing them to a handler of
 * their own: that would cost every connection another pipeline context. One per server; any
 * thread.
 */
public final class LineInputs {

    private final InputParser parser;
    private final LongAdder linesIn;

    /** {@code linesIn} counts every non-blank line. */
    public LineInputs(InputParser parser, LongAdder linesIn) {
        this.parser = parser;
        this.linesIn = linesIn;
    }

    /** The input {@code line} makes, or null for a blank line. */
    public Input read(String line) {
        Optional<Input> input = parser.parse(line);
        if (input.isEmpty()) {
            return null;
        }
        linesIn.increment();
        return input.get();
    }
}
