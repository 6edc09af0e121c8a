package roomchat.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.chat.ChatService;
import roomchat.core.chat.Reply;
import roomchat.core.command.Input;
import roomchat.core.room.Member;
import roomchat.server.PipelineNames;

/**
 * The chatting state of a connection: every input goes to the {@link ChatService} on behalf of
 * one member, and the answer goes back to this connection. A connection that closes, by
 * {@code :e} or otherwise, takes the member off the server. Runs on the connection's event loop.
 */
public final class ChatSessionHandler extends SimpleChannelInboundHandler<Input> {

    private static final Logger log = LoggerFactory.getLogger(ChatSessionHandler.class);

    private final ChatService service;
    private final Member member;

    public ChatSessionHandler(ChatService service, Member member) {
        this.service = service;
        this.member = member;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Input input) {
        Reply reply = service.handle(member, input);
        Replies.write(ctx, reply);
        if (reply.close()) {
            ctx.pipeline().replace(this, PipelineNames.SESSION, ClosingHandler.INSTANCE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        log.info("{} {} disconnected", ctx.channel().remoteAddress(), member);
        service.leave(member);
        ctx.fireChannelInactive();
    }
}
