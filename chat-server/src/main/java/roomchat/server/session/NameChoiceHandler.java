package roomchat.server.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import roomchat.core.chat.NameStep;
import roomchat.core.command.Input;
import roomchat.core.room.Member;
import roomchat.server.PipelineNames;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/**
 * The first state of a connection: greets the user and asks for a screen name until one is
 * claimed, then hands the connection to a {@link ChatSessionHandler}. A connection that has not
 * claimed one by the name deadline, counted from the session's start, is closed, however much it
 * sent meanwhile: the deadline is one task scheduled when the session starts, which no line puts
 * off, cancelled when a name is claimed (this state leaves the pipeline) or the connection closes.
 * Runs on the connection's event loop.
 */
public final class NameChoiceHandler extends SessionState {

    /** The name deadline, once the session has started; null if there is none. */
    private ScheduledFuture<?> deadline;

    NameChoiceHandler(SessionHandlers shared) {
        super(shared);
    }

    /** The session starts: for TCP when the connection opens, for a WebSocket when its handshake completes. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Replies.write(ctx, shared.service().greeting());
        Timeouts timeouts = shared.timeouts();
        long limitNanos = timeouts.name().toNanos();
        if (limitNanos > 0 && deadline == null) {
            deadline = ctx.executor().schedule(() -> Timeouts.closeTimedOut(ctx,
                    TimeoutNotices.noName(timeouts.name()), CloseReason.NO_NAME),
                    limitNanos, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Input input) {
        Channel channel = ctx.channel();
        AnswerOrder.whenAnswered(ctx, shared.service().beforeName(input, shared.portOf(channel), Connections.clientAddress(channel)),
                step -> answer(ctx, step));
    }

    private void answer(ChannelHandlerContext ctx, NameStep step) {
        Replies.write(ctx, step.reply());
        if (step.member().isPresent()) {
            startChatting(ctx, step.member().get());
        } else if (step.reply().close()) {
            ctx.pipeline().replace(this, PipelineNames.SESSION, shared.closing());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        ctx.fireChannelInactive();
    }

    /** This state is over (a name was claimed, or the user left): so is its deadline. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelDeadline();
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    private void startChatting(ChannelHandlerContext ctx, Member member) {
        Connections.named(ctx.channel(), member);
        ctx.pipeline().replace(this, PipelineNames.SESSION, new ChatSessionHandler(shared, member));
    }
}
