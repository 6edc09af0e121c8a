package roomchat.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * <p>It keeps the idle clock too: the time of the last input, and one task scheduled for when the
 * connection would be idle too long if nothing came. An input only updates the time (no task is
 * made per line); the task, when it runs, closes the connection if that time is long enough ago,
 * or schedules itself again for when it would be. The clock starts when the name is claimed (this
 * state enters the pipeline). The handler is that task ({@link #run}): a lambda would cost every
 * idle connection another object.
 *
 * <p><b>Thread:</b> one per connection, on its event loop; so is the task.
 */
public final class ChatSessionHandler extends SimpleChannelInboundHandler<Input> implements Runnable {

    private final ChatService service;
    private final Member member;
    private final Timeouts timeouts;
    private ChannelHandlerContext context;
    /** When the last input came, by the event loop's ticker. */
    private long lastInputNanos;
    /** The idle check next to run; null when the clock is stopped (or there is no idle limit). */
    private ScheduledFuture<?> idleCheck;

    public ChatSessionHandler(ChatService service, Member member, Timeouts timeouts) {
        this.service = service;
        this.member = member;
        this.timeouts = timeouts;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        long limitNanos = timeouts.idle().toNanos();
        if (limitNanos > 0) {
            lastInputNanos = now();
            idleCheck = ctx.executor().schedule(this, limitNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Input input) {
        lastInputNanos = now();
        AnswerOrder.whenAnswered(ctx, service.handle(member, input), reply -> answer(ctx, reply));
    }

    /**
     * The idle check, run on the event loop when the connection would have been idle too long if no
     * input had come since the last check was scheduled: closes it if none did, else checks again
     * when it would be. Not for other callers.
     */
    @Override
    public void run() {
        idleCheck = null;
        if (!context.channel().isActive()) {
            return;
        }
        long leftNanos = timeouts.idle().toNanos() - (now() - lastInputNanos);
        if (leftNanos > 0) {
            idleCheck = context.executor().schedule(this, leftNanos, TimeUnit.NANOSECONDS);
        } else {
            Timeouts.closeTimedOut(context, "disconnected: idle for " + timeouts.idleLimit(), CloseReason.IDLE);
        }
    }

    private long now() {
        return context.executor().ticker().nanoTime();
    }

    private void answer(ChannelHandlerContext ctx, Reply reply) {
        Replies.write(ctx, reply);
        if (reply.close()) {
            ctx.pipeline().replace(this, PipelineNames.SESSION, ClosingHandler.INSTANCE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopIdleClock();
        service.leave(member, LeaveReasons.of(Connections.closeReason(ctx.channel())));
        ctx.fireChannelInactive();
    }

    /** This state is over (the user said goodbye): so is the idle clock. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopIdleClock();
    }

    private void stopIdleClock() {
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
    }
}
