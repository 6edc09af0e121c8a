package roomchat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.LineEncoder;
import io.netty.handler.codec.string.LineSeparator;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.util.CharsetUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The chat's own protocol, as nc speaks it: each client logs in with its name, the room's first client
 * makes it ({@code :n bench<room>}) and the others join it ({@code :cr bench<room>}); a sender is a
 * member that types its lines, which reach everyone else in the room.
 */
final class ChatDialect implements Dialect {

    static final ChatDialect INSTANCE = new ChatDialect();

    private ChatDialect() {
    }

    @Override
    public String label() {
        return "roomchat";
    }

    @Override
    public Channel join(Bootstrap bootstrap, InetSocketAddress address, Member member, BenchClient.Receiver receiver)
            throws Exception {
        BenchClient client = new BenchClient(member.name(), member.index(), receiver);
        var prompt = client.expect(line -> line.startsWith("* choose a screen name"));
        Channel channel = bootstrap.clone().handler(pipeline(client)).connect(address).sync().channel();
        try {
            login(client, prompt, member.room(), member.creator());
        } catch (Exception | Error e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    @Override
    public Channel senderChannel(Bootstrap bootstrap, InetSocketAddress address, Member member, Channel memberChannel) {
        return memberChannel;
    }

    @Override
    public Object message(Channel channel, int room, String line) {
        return line;
    }

    @Override
    public boolean echoesOwnLines() {
        return false;
    }

    /** The pipeline of a chat client: lines in and out, handled by {@code client}. */
    static ChannelInitializer<Channel> pipeline(BenchClient client) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline()
                        .addLast(new LineBasedFrameDecoder(LoadRun.MAX_LINE))
                        .addLast(new StringDecoder(CharsetUtil.UTF_8))
                        .addLast(new LineEncoder(LineSeparator.UNIX, CharsetUtil.UTF_8))
                        .addLast(client);
            }
        };
    }

    private static void login(BenchClient client, Future<String> prompt, int room, boolean creator) throws Exception {
        prompt.get(LoadRun.SETUP_SECONDS, TimeUnit.SECONDS);
        var welcome = client.expect(line -> line.startsWith("* type :h"));
        client.send(client.name);
        welcome.get(LoadRun.SETUP_SECONDS, TimeUnit.SECONDS);
        var moved = client.expect(line -> line.startsWith("* you are in bench" + room));
        client.send((creator ? ":n bench" : ":cr bench") + room);
        moved.get(LoadRun.SETUP_SECONDS, TimeUnit.SECONDS);
    }
}
