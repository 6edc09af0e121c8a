package roomchat.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import roomchat.core.chat.ChatService;
import roomchat.core.chat.Reply;
import roomchat.core.command.Input;
import roomchat.core.room.Member;
import roomchat.server.PipelineNames;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/**
 * The chatting state of a connection: every input goes to the {@link ChatService} on behalf of
 * one member, and the answer goes back to this connection. A connection that closes, by
 * {@code :e}, idleness or otherwise, takes the member off the server. Runs on the connection's
 * event loop.
 */
public final class ChatSessionHandler extends SimpleChannelInboundHandler<Input> {

    private final ChatService service;
    private final Member member;
    private final Timeouts timeouts;

    public ChatSessionHandler(ChatService service, Member member, Timeouts timeouts) {
        this.service = service;
        this.member = member;
        this.timeouts = timeouts;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Input input) {
        AnswerOrder.whenAnswered(ctx, service.handle(member, input), reply -> answer(ctx, reply));
    }

    private void answer(ChannelHandlerContext ctx, Reply reply) {
        Replies.write(ctx, reply);
        if (reply.close()) {
            ctx.pipeline().replace(this, PipelineNames.SESSION, ClosingHandler.INSTANCE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        Timeouts.closeIfTimedOut(ctx, event, "disconnected: idle for " + timeouts.idleLimit(), CloseReason.IDLE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        service.leave(member, LeaveReasons.of(Connections.closeReason(ctx.channel())));
        ctx.fireChannelInactive();
    }
}
