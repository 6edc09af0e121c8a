package roomchat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.handler.codec.redis.RedisEncoder;
import io.netty.handler.codec.redis.RedisMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redis pub/sub as the reference: each member is a connection that has {@code SUBSCRIBE}d to its room's
 * channel ({@code bench<room>}), and each sender is one more connection, beside its member, that
 * {@code PUBLISH}es its lines there. A publisher is not a subscriber, so its lines reach its own member
 * too: every member receives every line of its room. The commands and replies go through Netty's RESP
 * codec.
 */
final class RedisDialect implements Dialect {

    static final RedisDialect INSTANCE = new RedisDialect();
    private static final String CHANNEL_PREFIX = "bench";

    private RedisDialect() {
    }

    @Override
    public String label() {
        return "Redis pub/sub";
    }

    @Override
    public Channel join(Bootstrap bootstrap, InetSocketAddress address, Member member, BenchClient.Receiver receiver)
            throws Exception {
        RedisSubscriber subscriber = new RedisSubscriber(member.index(), receiver);
        Channel channel = bootstrap.clone().handler(pipeline(subscriber)).connect(address).sync().channel();
        var subscribed = subscriber.subscribed();
        channel.writeAndFlush(command(channel.alloc(), "SUBSCRIBE", channelOf(member.room())));
        try {
            subscribed.get(LoadRun.SETUP_SECONDS, TimeUnit.SECONDS);
        } catch (Exception | Error e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    @Override
    public Channel senderChannel(Bootstrap bootstrap, InetSocketAddress address, Member member, Channel memberChannel)
            throws InterruptedException {
        return bootstrap.clone().handler(pipeline(new RedisPublisherReplies(member.name()))).connect(address).sync()
                .channel();
    }

    @Override
    public Object message(Channel channel, int room, String line) {
        return command(channel.alloc(), "PUBLISH", channelOf(room), line);
    }

    @Override
    public boolean echoesOwnLines() {
        return true;
    }

    static String channelOf(int room) {
        return CHANNEL_PREFIX + room;
    }

    /** A command as RESP wants it: an array of bulk strings. The encoder releases it once written. */
    static ArrayRedisMessage command(ByteBufAllocator alloc, String... words) {
        List<RedisMessage> parts = new ArrayList<>(words.length);
        for (String word : words) {
            parts.add(new FullBulkStringRedisMessage(ByteBufUtil.writeUtf8(alloc, word)));
        }
        return new ArrayRedisMessage(parts);
    }

    static ChannelInitializer<Channel> pipeline(ChannelHandler handler) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline()
                        .addLast(new RedisDecoder())
                        .addLast(new RedisBulkStringAggregator())
                        .addLast(new RedisArrayAggregator())
                        .addLast(new RedisEncoder())
                        .addLast(handler);
            }
        };
    }
}
