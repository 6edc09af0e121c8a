package roomchat.server.e2e;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.RoomRegistry;
import roomchat.server.ChatServer;
import roomchat.server.ServerConfig;

/** A fresh server on a free loopback port for each test, closed after it. */
final class RunningServer implements BeforeEachCallback, AfterEachCallback {

    private final ServerConfig config;
    private final Function<ServerConfig, RoomRegistry> registries;
    private ChatServer server;
    private InetSocketAddress address;

    /**
     * For tests that read long lines whole, as a program would: no wrapping for terminals (the
     * terminal test shows what a person sees with it).
     */
    static final Consumer<ServerConfig> WHOLE_LINES = config -> config.wrapWidth = 0;

    RunningServer() {
        this(config -> { });
    }

    /** A server with the documented defaults as changed by {@code settings}, on a free loopback port. */
    RunningServer(Consumer<ServerConfig> settings) {
        this(settings, config -> new LocalRoomRegistry(config.defaultRoom, config.historyLines));
    }

    /** As above, over rooms made by {@code registries} for the configuration. */
    RunningServer(Consumer<ServerConfig> settings, Function<ServerConfig, RoomRegistry> registries) {
        this.registries = registries;
        config = ServerConfig.defaults();
        config.host = "127.0.0.1";
        config.port = 0;
        config.tlsPort = 0;
        config.httpPort = ServerConfig.ANY_FREE_PORT;
        // Off unless a test turns it on: its default port is fixed, and tests run side by side.
        config.grpcPort = 0;
        settings.accept(config);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server = new ChatServer(config, registries.apply(config));
        address = server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    InetSocketAddress address() {
        return address;
    }

    ChatServer server() {
        return server;
    }

    /** The server's side of {@code client}'s connection, or null if the server has none (yet). */
    Channel channelOf(LineClient client) {
        return server.connections().stream()
                .filter(c -> ((InetSocketAddress) c.remoteAddress()).getPort() == client.localPort())
                .findFirst().orElse(null);
    }

    /** Bytes written to {@code channel} that its socket has not taken yet, read on its event loop. */
    static long pendingBytes(Channel channel) throws Exception {
        return channel.eventLoop().submit(() -> {
            ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
            return buffer == null ? 0L : buffer.totalPendingWriteBytes();
        }).get(10, TimeUnit.SECONDS);
    }
}
