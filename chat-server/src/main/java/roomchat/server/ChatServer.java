package roomchat.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import roomchat.core.chat.ChatService;
import roomchat.core.dispatch.ExecutorDispatcher;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.RoomRegistry;
import roomchat.server.tcp.TcpChatInitializer;

/**
 * One chat server: the rooms, the dispatcher and the TCP listener, started and stopped together.
 *
 * <p><b>Threads:</b> one event loop accepts connections; {@code ioThreads} event loops read, parse
 * and answer them (each connection stays on one loop for life); {@code dispatchThreads} deliver
 * room messages.
 */
public final class ChatServer implements AutoCloseable {

    private static final long QUIET_PERIOD_MS = 0;
    private static final long SHUTDOWN_TIMEOUT_MS = 2_000;

    private final ServerConfig config;
    private final IoTransport transport = IoTransport.best();
    private final RoomRegistry registry;
    private final ExecutorDispatcher dispatcher;
    private final ChatService service;
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private Channel listener;

    public ChatServer(ServerConfig config) {
        this.config = config;
        this.registry = new LocalRoomRegistry(config.defaultRoom());
        this.dispatcher = new ExecutorDispatcher(config.dispatchThreadCount());
        this.service = new ChatService(registry, dispatcher);
    }

    /** Binds the listener; returns the address it listens on. */
    public InetSocketAddress start() throws InterruptedException {
        acceptGroup = new MultiThreadIoEventLoopGroup(1, transport.handlerFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(config.ioThreadCount(), transport.handlerFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new TcpChatInitializer(service, config.maxLineBytes()));
        listener = bootstrap.bind(config.host(), config.port()).sync().channel();
        return (InetSocketAddress) listener.localAddress();
    }

    /** Which I/O layer the event loops use: {@code EPOLL} or {@code NIO}. */
    public String transportName() {
        return transport.name();
    }

    /** The rooms and names of this server. */
    public RoomRegistry registry() {
        return registry;
    }

    /** Completes when the listener has closed. */
    public Future<Void> closeFuture() {
        return listener.closeFuture();
    }

    /** Stops listening, closes every connection and stops the dispatcher. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        shutDown(acceptGroup);
        shutDown(ioGroup);
        dispatcher.close();
    }

    private static void shutDown(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(QUIET_PERIOD_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }
}
