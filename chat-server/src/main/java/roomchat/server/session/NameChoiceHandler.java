package roomchat.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.chat.ChatService;
import roomchat.core.chat.NameStep;
import roomchat.core.command.Input;
import roomchat.server.PipelineNames;

/**
 * The first state of a connection: greets the user and asks for a screen name until one is
 * claimed, then hands the connection to a {@link ChatSessionHandler}. Runs on the connection's
 * event loop.
 */
public final class NameChoiceHandler extends SimpleChannelInboundHandler<Input> {

    private static final Logger log = LoggerFactory.getLogger(NameChoiceHandler.class);

    private final ChatService service;

    public NameChoiceHandler(ChatService service) {
        this.service = service;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        log.info("{} connected", ctx.channel().remoteAddress());
        Replies.write(ctx, service.greeting());
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Input input) {
        NameStep step = service.beforeName(input, ctx.channel());
        Replies.write(ctx, step.reply());
        if (step.member().isPresent()) {
            ctx.pipeline().replace(this, PipelineNames.SESSION, new ChatSessionHandler(service, step.member().get()));
        } else if (step.reply().close()) {
            ctx.pipeline().replace(this, PipelineNames.SESSION, ClosingHandler.INSTANCE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        log.info("{} disconnected before choosing a name", ctx.channel().remoteAddress());
        ctx.fireChannelInactive();
    }
}
