package roomchat.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;

/**
 * The replies to a Redis reference sender's {@code PUBLISH}es: each is the number of subscribers
 * reached, which the tool does not need (its window is kept by the room's probe, as for the chat);
 * an error is reported and closes the connection, so that the run shows the loss.
 * <b>Threads:</b> runs on its connection's event loop.
 */
final class RedisPublisherReplies extends SimpleChannelInboundHandler<RedisMessage> {

    private final String name;

    RedisPublisherReplies(String name) {
        this.name = name;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RedisMessage reply) {
        if (reply instanceof ErrorRedisMessage error) {
            System.err.println(name + ": Redis refused a PUBLISH: " + error.content());
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        System.err.println(name + ": " + cause);
        ctx.close();
    }
}
