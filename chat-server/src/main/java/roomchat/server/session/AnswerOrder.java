package roomchat.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.event.Notice;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/**
 * Keeps a connection's answers in the order of its lines, and holds its lines back while its
 * output is backed up. Most answers are ready at once; one that must wait for a cluster's store
 * ({@link #whenAnswered}) holds the connection's next lines back here until it has been written, so
 * a user's {@code :cr games} is answered, and the user is in games, before the line typed after it
 * is handled. Lines held back for an answer are bounded: past {@link #MAX_WAITING_LINES}, a line is
 * refused with an error, never queued without bound.
 *
 * <p>While the connection is not writable (its output is over the cap, and the tracker has turned
 * reading off) lines wait here too, and go on once it drains: forty {@code :rooms} in one packet are
 * answered only while the answers fit under the cap. No more than the rest of the packet being read
 * can arrive meanwhile, so these are not counted against the bound (refusing them would only add
 * output to a connection that is not reading it).
 *
 * <p>The queue is made only when a line must wait, and let go once it is empty: an idle connection
 * holds none.
 *
 * <p><b>Thread:</b> one per connection, confined to its event loop; answers that come from another
 * thread are taken back to it.
 */
public final class AnswerOrder extends ChannelInboundHandlerAdapter {

    /** Lines held back while an answer is awaited; a user typing faster than a round trip to Redis needs few. */
    public static final int MAX_WAITING_LINES = 64;

    private static final Logger log = LoggerFactory.getLogger(AnswerOrder.class);
    private static final Notice TOO_MANY_WAITING =
            new Notice.Error("too many lines waiting for an answer; this one was dropped");

    private ChannelHandlerContext context;
    /** Lines held back, oldest first; null while none is. */
    private ArrayDeque<Object> waiting;
    /** An answer is on its way: the lines after its line wait. */
    private boolean awaiting;
    /**
     * Held lines are being passed on. A line passed on may flush an answer, which may make the
     * connection writable again on the spot: the pass under way goes on, no second one starts inside it.
     */
    private boolean releasing;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object input) {
        if (waiting == null && mayPass()) {
            ctx.fireChannelRead(input);
        } else if (!ctx.channel().isWritable() || waiting == null || waiting.size() < MAX_WAITING_LINES) {
            hold(input);
        } else {
            ReferenceCountUtil.release(input);
            ctx.writeAndFlush(TOO_MANY_WAITING);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.fireChannelWritabilityChanged();
        if (ctx.channel().isWritable()) {
            release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dropWaiting();
        ctx.fireChannelInactive();
    }

    /**
     * Runs {@code then} with the answer of {@code answer}, on the connection's event loop: at once if
     * it is in, else once it comes, holding the connection's next lines until then. Called by the
     * session handler on its event loop, while it handles a line.
     */
    public static <T> void whenAnswered(ChannelHandlerContext session, CompletionStage<T> answer, Consumer<T> then) {
        CompletableFuture<T> future = answer.toCompletableFuture();
        if (future.isDone() && !future.isCompletedExceptionally()) {
            then.accept(future.join());
            return;
        }
        AnswerOrder order = session.pipeline().get(AnswerOrder.class);
        order.awaiting = true;
        answer.whenCompleteAsync((value, failure) -> order.answered(value, failure, then), session.executor());
    }

    private <T> void answered(T value, Throwable failure, Consumer<T> then) {
        awaiting = false;
        if (!context.channel().isActive()) {
            dropWaiting();
            return;
        }
        if (failure != null) {
            // The service answers every failure itself; one that escapes is a defect, and the connection can't go on in order.
            log.error("{}: no answer to a line", Connections.describe(context.channel()), failure);
            Connections.close(context, CloseReason.CONNECTION_ERROR);
            return;
        }
        then.accept(value);
        release();
    }

    /** Whether a line may go on now: no answer is awaited and the connection's output is under its cap. */
    private boolean mayPass() {
        return !awaiting && context.channel().isWritable();
    }

    private void hold(Object input) {
        if (waiting == null) {
            waiting = new ArrayDeque<>();
        }
        waiting.add(input);
    }

    /** Passes held lines on, oldest first, for as long as lines may pass. */
    private void release() {
        if (releasing || waiting == null) {
            return;
        }
        releasing = true;
        try {
            Object next;
            while (mayPass() && (next = waiting.poll()) != null) {
                context.fireChannelRead(next);
            }
            if (waiting.isEmpty()) {
                waiting = null;
            }
        } finally {
            releasing = false;
        }
    }

    private void dropWaiting() {
        if (waiting != null) {
            waiting.forEach(ReferenceCountUtil::release);
            waiting = null;
        }
    }
}
