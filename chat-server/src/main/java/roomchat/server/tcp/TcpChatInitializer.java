package roomchat.server.tcp;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.Channel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.LineEncoder;
import io.netty.handler.codec.string.LineSeparator;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.util.CharsetUtil;
import roomchat.core.chat.ChatService;
import roomchat.core.command.InputParser;
import roomchat.server.PipelineNames;
import roomchat.server.codec.LineToInputDecoder;
import roomchat.server.session.ErrorLineHandler;
import roomchat.server.session.NameChoiceHandler;

/** The pipeline of a plain TCP connection, as nc speaks it: one line of UTF-8 text per message. */
public final class TcpChatInitializer extends ChannelInitializer<Channel> {

    private static final StringDecoder UTF8_DECODER = new StringDecoder(CharsetUtil.UTF_8);
    private static final LineEncoder LINE_ENCODER = new LineEncoder(LineSeparator.UNIX, CharsetUtil.UTF_8);

    private final ChatService service;
    private final int maxLineBytes;
    private final LineToInputDecoder inputDecoder = new LineToInputDecoder(new InputParser());
    private final ErrorLineHandler errorLines;

    public TcpChatInitializer(ChatService service, int maxLineBytes) {
        this.service = service;
        this.maxLineBytes = maxLineBytes;
        this.errorLines = new ErrorLineHandler(maxLineBytes);
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline()
                // A line longer than the limit fails at once and is skipped up to its line end.
                .addLast(PipelineNames.LINE_FRAMER, new LineBasedFrameDecoder(maxLineBytes, true, true))
                .addLast(PipelineNames.UTF8_DECODER, UTF8_DECODER)
                .addLast(PipelineNames.LINE_ENCODER, LINE_ENCODER)
                .addLast(PipelineNames.INPUT_DECODER, inputDecoder)
                .addLast(PipelineNames.SESSION, new NameChoiceHandler(service))
                .addLast(PipelineNames.ERROR_LINES, errorLines);
    }
}
