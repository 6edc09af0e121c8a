package roomchat.server.session;

import io.netty.channel.ChannelHandlerContext;
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
 * {@code :e}, idleness or otherwise, takes the member off the server.
 *
 * <p>Its idleness is watched by its event loop's {@link IdleWatch}, from the moment the name is
 * claimed (this state enters the pipeline) until this state ends: each input restarts its clock.
 * The watch's list runs through the sessions themselves ({@link #idlePrevious}, {@link #idleNext}),
 * so that watching costs an idle connection no object of its own.
 *
 * <p><b>Thread:</b> one per connection, on its event loop, as is its idle watch.
 */
public final class ChatSessionHandler extends SessionState {

    private final Member member;
    private ChannelHandlerContext context;

    /** When the last input came (or chatting started), by the event loop's ticker: kept by the {@link IdleWatch}. */
    long lastInputNanos;
    /** The neighbours in the idle watch's list, oldest input first: kept by the {@link IdleWatch}. */
    ChatSessionHandler idlePrevious;
    ChatSessionHandler idleNext;

    ChatSessionHandler(SessionHandlers shared, Member member) {
        super(shared);
        this.member = member;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        IdleWatch idleWatch = idleWatch();
        if (idleWatch != null) {
            idleWatch.start(this);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Input input) {
        IdleWatch idleWatch = idleWatch();
        if (idleWatch != null) {
            idleWatch.input(this);
        }
        AnswerOrder.whenAnswered(ctx, shared.service().handle(member, input), reply -> answer(ctx, reply));
    }

    /** Its idle watch found no input for the idle limit (and no longer watches it). */
    void idleTooLong() {
        if (context.channel().isActive()) {
            Timeouts.closeTimedOut(context, TimeoutNotices.idle(shared.timeouts().idle()), CloseReason.IDLE);
        }
    }

    private void answer(ChannelHandlerContext ctx, Reply reply) {
        Replies.write(ctx, reply);
        if (reply.close()) {
            ctx.pipeline().replace(this, PipelineNames.SESSION, shared.closing());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopIdleWatch();
        shared.service().leave(member, LeaveReasons.of(Connections.closeReason(ctx.channel())));
        ctx.fireChannelInactive();
    }

    /** This state is over (the user said goodbye): so is the idle watch over it. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopIdleWatch();
    }

    private void stopIdleWatch() {
        IdleWatch idleWatch = idleWatch();
        if (idleWatch != null) {
            idleWatch.stop(this);
        }
    }

    /**
     * The idle watch of this session's loop, or null if there is no idle limit: looked up when
     * needed (a map lookup per line) rather than kept, which would make every chatting connection 8
     * bytes larger (a field more crosses an 8-byte boundary).
     */
    private IdleWatch idleWatch() {
        return shared.timeouts().idleWatch(context.executor());
    }
}
