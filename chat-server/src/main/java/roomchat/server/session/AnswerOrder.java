package roomchat.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
 * Keeps a connection's answers in the order of its lines. Most answers are ready at once; one that
 * must wait for a cluster's store ({@link #whenAnswered}) holds the connection's next lines back here
 * until it has been written, so a user's {@code :cr games} is answered, and the user is in games,
 * before the line typed after it is handled. Lines held back are bounded: past
 * {@link #MAX_WAITING_LINES}, a line is refused with an error, never queued without bound.
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

    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private ChannelHandlerContext context;
    private boolean awaiting;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object input) {
        if (!awaiting) {
            ctx.fireChannelRead(input);
        } else if (waiting.size() < MAX_WAITING_LINES) {
            waiting.add(input);
        } else {
            ctx.writeAndFlush(TOO_MANY_WAITING);
        }
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
            waiting.clear();
            return;
        }
        if (failure != null) {
            // The service answers every failure itself; one that escapes is a defect, and the connection can't go on in order.
            log.error("{}: no answer to a line", Connections.describe(context.channel()), failure);
            Connections.close(context, CloseReason.CONNECTION_ERROR);
            return;
        }
        then.accept(value);
        Object next;
        while (!awaiting && (next = waiting.poll()) != null) {
            context.fireChannelRead(next);
        }
    }
}
