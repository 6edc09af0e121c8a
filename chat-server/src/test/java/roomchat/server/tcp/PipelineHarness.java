package roomchat.server.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.CharsetUtil;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import roomchat.core.broker.LocalBroker;
import roomchat.core.chat.ChatService;
import roomchat.core.dispatch.ExecutorDispatcher;
import roomchat.core.limit.GuessLedger;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.MemberPort;
import roomchat.server.ServerConfig;
import roomchat.server.connection.ConnectionTracker;
import roomchat.server.session.SessionHandlers;

/** A TCP pipeline on an {@link EmbeddedChannel}, fed bytes as a socket would be. */
public final class PipelineHarness implements AutoCloseable {

    public final LocalRoomRegistry registry = new LocalRoomRegistry("lobby");
    private final LocalBroker broker = new LocalBroker(Clock.systemDefaultZone());
    private final ExecutorDispatcher dispatcher;
    public final ChatService service;
    public final EmbeddedChannel channel;

    public PipelineHarness(int maxLineBytes) {
        this(config -> config.maxLineBytes = maxLineBytes);
    }

    /** A pipeline with the default configuration, changed by {@code configure}. */
    public PipelineHarness(Consumer<ServerConfig> configure) {
        ServerConfig config = ServerConfig.defaults();
        configure.accept(config);
        dispatcher = new ExecutorDispatcher(1, config.wrapWidth, broker);
        registry.deliverMovesTo(dispatcher);
        service = new ChatService(registry, broker, config.announceLimit, new GuessLedger(config.roomGuessRate));
        ConnectionTracker tracker = new ConnectionTracker(config.maxConnections, config.maxConnectionsPerIp,
                config.nameTimeout, config.httpRequestTimeout, config.slowConsumerTimeout);
        SessionHandlers session = new SessionHandlers(service, config, new LongAdder(), dispatcher::portOf);
        channel = new EmbeddedChannel(DefaultChannelId.newInstance(), new TcpChatInitializer(config, tracker, null, session));
    }

    /** The port a member speaking through {@code other} is reached by, as the server makes it. */
    public MemberPort portOf(Channel other) {
        return dispatcher.portOf(other);
    }

    /** Sends bytes as they would arrive from the socket, in one read. */
    public void receive(String text) {
        receive(text.getBytes(CharsetUtil.UTF_8));
    }

    public void receive(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    /** Every line written to the socket since the last call. */
    public List<String> sent() {
        StringBuilder text = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            text.append(buf.toString(CharsetUtil.UTF_8));
            buf.release();
        }
        List<String> lines = new ArrayList<>(List.of(text.toString().split("\n", -1)));
        lines.remove(lines.size() - 1);
        return lines;
    }

    @Override
    public void close() {
        // Drains first: a run the dispatcher hands over waits in the channel's loop, which finishing runs.
        dispatcher.close();
        channel.finishAndReleaseAll();
        broker.close();
    }
}
