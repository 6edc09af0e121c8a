package roomchat.server.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import roomchat.core.chat.ChatService;
import roomchat.core.command.InputParser;
import roomchat.core.room.MemberPort;
import roomchat.server.PipelineNames;
import roomchat.server.ServerConfig;
import roomchat.server.codec.LineInputs;
import roomchat.server.connection.RateLimitHandler;

/**
 * The top of every chat pipeline, the same whatever the transport below: rate-limit, keep answers
 * in order, and the session's state (which keeps the session's timers and answers failures with
 * error lines). It also holds what the states of every session of the server share. The
 * transport's decoder below delivers each line as an {@link roomchat.core.command.Input} (parsed
 * by {@link #inputs()}), and its encoders render the {@link roomchat.core.event.Notice}s written
 * here, in the format it speaks. One instance per server, for every listener; the sharable
 * handlers are shared, the stateful ones made per connection.
 */
public final class SessionHandlers {

    private final ChatService service;
    private final ServerConfig config;
    private final Timeouts timeouts;
    private final LineInputs inputs;
    private final ErrorLines errorLines;
    private final ClosingHandler closing;
    private final Function<Channel, MemberPort> ports;

    /** {@code linesIn} counts every non-blank line received; {@code ports} makes the port a named connection's member is reached through. */
    public SessionHandlers(ChatService service, ServerConfig config, LongAdder linesIn, Function<Channel, MemberPort> ports) {
        this.service = service;
        this.ports = ports;
        this.config = config;
        this.timeouts = new Timeouts(config.nameTimeout, config.idleTimeout);
        this.inputs = new LineInputs(new InputParser(), linesIn);
        this.errorLines = new ErrorLines(config.maxLineBytes);
        this.closing = new ClosingHandler(this);
    }

    /** What the transports' decoders turn lines into inputs with (and count them by). */
    public LineInputs inputs() {
        return inputs;
    }

    /**
     * Adds the chat handlers at the end of a pipeline that already turns bytes into inputs, and
     * notices and Strings into bytes.
     */
    public void addTo(ChannelPipeline pipeline) {
        if (config.ratePerSecond > 0) {
            pipeline.addLast(PipelineNames.RATE_LIMIT,
                    new RateLimitHandler(config.ratePerSecond, config.burst, config.floodTimeout));
        }
        // Holds lines back while an answer is on its way, and while the output is over its cap (reading
        // is off then, but the rest of a packet already read still comes), so a burst of commands
        // can't queue answers past the cap.
        // The session's state is the last handler: it also answers the failures that reach the top.
        pipeline.addLast(PipelineNames.ANSWER_ORDER, new AnswerOrder())
                .addLast(PipelineNames.SESSION, new NameChoiceHandler(this));
    }

    ChatService service() {
        return service;
    }

    Timeouts timeouts() {
        return timeouts;
    }

    /** Makes the port a named connection's member is reached through. */
    MemberPort portOf(Channel channel) {
        return ports.apply(channel);
    }

    ErrorLines errorLines() {
        return errorLines;
    }

    /** The closing state, shared by every connection. */
    ClosingHandler closing() {
        return closing;
    }
}
