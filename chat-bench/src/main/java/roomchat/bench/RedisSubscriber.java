package roomchat.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.CharsetUtil;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One subscribed member of the Redis reference: completes {@link #subscribed} when Redis confirms the
 * {@code SUBSCRIBE}, then hands the benchmark line of every {@code message} push to its receiver.
 * <b>Threads:</b> runs on its connection's event loop; {@link #subscribed} may be awaited from any thread.
 */
final class RedisSubscriber extends SimpleChannelInboundHandler<RedisMessage> {

    private static final String MESSAGE = "message";
    private static final String SUBSCRIBE = "subscribe";
    /** A push is {@code [kind, channel, payload-or-count]}. */
    private static final int PUSH_PARTS = 3;
    /** Where the benchmark fields start in a payload {@code b <phase> ...}. */
    private static final int FIELDS = 2;

    private final int index;
    private final BenchClient.Receiver receiver;
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();

    RedisSubscriber(int index, BenchClient.Receiver receiver) {
        this.index = index;
        this.receiver = receiver;
    }

    /** Completes once Redis confirmed the subscription; fails on an error reply or a closed connection. */
    CompletableFuture<Void> subscribed() {
        return subscribed;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RedisMessage message) {
        if (message instanceof ErrorRedisMessage error) {
            subscribed.completeExceptionally(new IllegalStateException("Redis: " + error.content()));
            return;
        }
        if (!(message instanceof ArrayRedisMessage push) || push.children().size() != PUSH_PARTS) {
            return;
        }
        List<RedisMessage> parts = push.children();
        String kind = text(parts.get(0));
        if (MESSAGE.equals(kind)) {
            String payload = text(parts.get(2));
            if (payload != null && payload.startsWith("b ")) {
                receiver.parse(index, payload, FIELDS);
            }
        } else if (SUBSCRIBE.equals(kind)) {
            subscribed.complete(null);
        }
    }

    private static String text(RedisMessage part) {
        return part instanceof FullBulkStringRedisMessage bulk && !bulk.isNull()
                ? bulk.content().toString(CharsetUtil.UTF_8) : null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        subscribed.completeExceptionally(new IllegalStateException("Redis closed subscriber " + index + "'s connection"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        subscribed.completeExceptionally(cause);
        ctx.close();
    }
}
