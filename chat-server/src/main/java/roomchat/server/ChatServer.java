package roomchat.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.chat.ChatService;
import roomchat.core.broker.Broker;
import roomchat.core.event.Notice;
import roomchat.core.dispatch.ExecutorDispatcher;
import roomchat.core.history.HistoryStore;
import roomchat.core.room.HistoryBudget;
import roomchat.core.limit.GuessLedger;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.RoomRegistry;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.ConnectionTracker;
import roomchat.server.connection.Connections;
import roomchat.server.grpc.GrpcDoor;
import roomchat.server.http.HttpChatInitializer;
import roomchat.server.http.HttpRequestHandler;
import roomchat.history.HistoryFileException;
import roomchat.history.Retention;
import roomchat.history.SqliteHistoryStore;
import roomchat.server.metrics.ServerMetrics;
import roomchat.server.rooms.ClusterRooms;
import roomchat.server.rooms.LocalRooms;
import roomchat.server.rooms.RoomsBackend;
import roomchat.server.session.SessionHandlers;
import roomchat.server.tcp.TcpChatInitializer;

/**
 * One chat server: the rooms, the dispatcher and the listeners (plain TCP; TLS and HTTP with its
 * WebSocket when configured), started and stopped together.
 *
 * <p><b>Threads:</b> one event loop accepts connections; {@code ioThreads} event loops read, parse
 * and answer them (each connection stays on one loop for life); {@code dispatchThreads} deliver
 * room lines. {@link #close()} may be called from any thread, once or more.
 */
public final class ChatServer implements AutoCloseable {

    private static final Notice SHUTTING_DOWN = new Notice.Goodbye("server shutting down", true);
    private static final Notice CLUSTER_LOST = new Notice.Goodbye("this server lost touch with the chat's cluster", true);
    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);
    private static final long SHUTDOWN_QUIET_MS = 0;
    private static final long LOOP_SHUTDOWN_TIMEOUT_MS = 2_000;
    /** Netty's default sizing of read buffers, shared: it keeps no state of its own per connection. */
    private static final AdaptiveRecvByteBufAllocator RECEIVE_BUFFERS = new AdaptiveRecvByteBufAllocator();

    private final ServerConfig config;
    private final IoTransport transport = IoTransport.best();
    private final RoomsBackend rooms;
    private final ChatService service;
    private final RoomRegistry registry;
    private final ExecutorDispatcher dispatcher;
    private final ConnectionTracker tracker;
    private final LongAdder linesIn = new LongAdder();
    private final SessionHandlers sessionHandlers;
    private final ServerMetrics metrics;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private Channel listener;
    private Channel tlsListener;
    private Channel httpListener;
    /** Set once on start; read by the cluster's thread when it lets members go. */
    private volatile GrpcDoor grpcDoor;

    /**
     * A server as configured: on its own, or a node of the cluster at {@code --redis}.
     *
     * @throws StartupException when the cluster's Redis can't be reached
     */
    public ChatServer(ServerConfig config) throws StartupException {
        this(config, roomsFor(config));
    }

    /** The rooms of a configuration that has been validated first, so a bad flag is reported as such. */
    private static RoomsBackend roomsFor(ServerConfig config) throws StartupException {
        config.validate();
        if (!config.clustered()) {
            HistoryStore store = historyStoreFor(config);
            return new LocalRooms(new LocalRoomRegistry(config.defaultRoom, config.historyLines,
                    new HistoryBudget(config.maxHistoryBytes), store), store);
        }
        String nodeId = config.nodeId != null ? config.nodeId : NodeIds.generate();
        try {
            return new ClusterRooms(config.redis, nodeId, config.defaultRoom, config.historyLines, config.nodeLease);
        } catch (Broker.Unavailable e) {
            throw StartupException.redisUnreachable(config.redis, e);
        }
    }

    /** The history file of {@code --history-db}, opened and read; none without the flag. */
    private static HistoryStore historyStoreFor(ServerConfig config) throws StartupException {
        if (config.historyDb == null) {
            return HistoryStore.NONE;
        }
        try {
            // A newcomer is replayed --history lines, and a room's memory keeps a few more (RoomHistory).
            return SqliteHistoryStore.open(config.historyDb, new Retention(config.historyKeep, config.historyMaxAge),
                    config.historyLines, config.historyWriteQueue, Clock.systemUTC());
        } catch (HistoryFileException e) {
            throw StartupException.historyDb(e);
        }
    }

    /** A server on its own over the given rooms, whose default room must be the configured one. */
    public ChatServer(ServerConfig config, RoomRegistry registry) {
        this(config, new LocalRooms(registry));
    }

    /** A server over the given rooms' backend, whose default room must be the configured one. */
    public ChatServer(ServerConfig config, RoomsBackend rooms) {
        config.validate();
        this.config = config;
        this.rooms = rooms;
        this.registry = rooms.registry();
        this.dispatcher = new ExecutorDispatcher(config.dispatchThreadCount(), config.wrapWidth, rooms.broker());
        registry.deliverMovesTo(dispatcher);
        this.service = new ChatService(registry, rooms.broker(), config.announceLimit,
                new GuessLedger(config.roomGuessRate), rooms.historyStore());
        this.tracker = new ConnectionTracker(config.maxConnections, config.maxConnectionsPerIp,
                config.nameTimeout, config.httpRequestTimeout, config.slowConsumerTimeout);
        this.sessionHandlers = new SessionHandlers(service, config, linesIn, dispatcher::portOf);
        this.metrics = new ServerMetrics(tracker.connections(), tracker::openCalls, tracker::disconnects,
                registry::roomCount, registry::memberCount, linesIn, dispatcher::deliveries,
                dispatcher::droppedDeliveries, service::unavailableRefusals, this::writeMoreMetrics);
        rooms.onMembersLost(this::letMembersGo);
    }

    /**
     * Binds the listeners; returns the address of the plain TCP one. If the TLS files can't be used
     * or a port can't be bound, stops whatever had started and throws a {@link StartupException}
     * that says which.
     */
    public InetSocketAddress start() throws InterruptedException, StartupException {
        try {
            // Read before any thread or port is taken: a bad file then has nothing to undo.
            SslContext tls = config.tlsEnabled() ? TlsFiles.serverContext(config.tlsCert, config.tlsKey) : null;
            SslContext grpcTls = config.tlsEnabled() && config.grpcPort != 0
                    ? TlsFiles.grpcServerContext(config.tlsCert, config.tlsKey) : null;
            rooms.start();
            acceptGroup = new MultiThreadIoEventLoopGroup(1, transport.handlerFactory());
            MultiThreadIoEventLoopGroup connectionLoops = new MultiThreadIoEventLoopGroup(config.ioThreadCount(), transport.handlerFactory());
            ioGroup = connectionLoops;
            // A member's line is drained by its own loop after the loop's turn: no thread hand-off.
            dispatcher.drainOnLoopsOf(connectionLoops);
            listener = bind(Connections.TCP, config.port, new TcpChatInitializer(config, tracker, null, sessionHandlers));
            if (tls != null) {
                tlsListener = bind(Connections.TLS, config.tlsPort, new TcpChatInitializer(config, tracker, tls, sessionHandlers));
            }
            if (config.httpPort != 0) {
                HttpRequestHandler requests = new HttpRequestHandler(this::serving, metrics::render);
                httpListener = bind(Connections.HTTP, Math.max(config.httpPort, 0),
                        new HttpChatInitializer(config, tracker, requests, sessionHandlers));
            }
            if (config.grpcPort != 0) {
                grpcDoor = startGrpc(Math.max(config.grpcPort, 0), grpcTls);
            }
            return (InetSocketAddress) listener.localAddress();
        } catch (StartupException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The gRPC door on the server's own loops and channel type; over TLS when {@code tls} is not null.
     * Its health service says what HTTP {@code /healthz} says.
     */
    private GrpcDoor startGrpc(int port, SslContext tls) throws StartupException {
        try {
            return GrpcDoor.start(config, port, tls, acceptGroup, ioGroup, transport.serverChannel(), service, tracker,
                    this::serving);
        } catch (IOException e) {
            throw StartupException.bindFailed(Connections.GRPC, config.host, port, e);
        }
    }

    /** {@code name} is the listener's in a failure: {@code tcp}, {@code tls} or {@code http}. */
    private Channel bind(String name, int port, ChannelInitializer<Channel> initializer)
            throws InterruptedException, StartupException {
        int highWaterMark = config.maxPendingOutputBytes;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(highWaterMark / 2, highWaterMark))
                // One allocator for all (each connection still gets its own handle, which adapts to it):
                // left unset, every connection's config makes an allocator of its own.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_BUFFERS)
                .childHandler(initializer);
        if (config.socketSendBufferBytes > 0) {
            // A fixed kernel buffer: otherwise the kernel grows it to megabytes for a reader who stopped,
            // and what such a reader gets when it wakes is no longer bounded by the output cap.
            bootstrap.childOption(ChannelOption.SO_SNDBUF, config.socketSendBufferBytes);
        }
        ChannelFuture bound = bootstrap.bind(config.host, port).await();
        if (!bound.isSuccess()) {
            throw StartupException.bindFailed(name, config.host, port, bound.cause());
        }
        return bound.channel();
    }

    /** Whether the server can serve (HTTP {@code /healthz}, gRPC health): not closing, and its rooms' store answers. */
    private boolean serving() {
        return !closing.get() && rooms.healthy();
    }

    /** The address of the gRPC door; null when it is off. */
    public InetSocketAddress grpcAddress() {
        return grpcDoor == null ? null : grpcDoor.address();
    }

    /** The address of the HTTP listener; null when HTTP is off. */
    public InetSocketAddress httpAddress() {
        return httpListener == null ? null : (InetSocketAddress) httpListener.localAddress();
    }

    /** The server's numbers, as {@code /metrics} shows them. */
    public String metrics() {
        return metrics.render();
    }

    /** The numbers of the rooms' backend and of the gRPC door, after the server's own. */
    private void writeMoreMetrics(StringBuilder out) {
        rooms.writeMetrics(out);
        GrpcDoor grpc = grpcDoor;
        if (grpc != null) {
            grpc.writeMetrics(out);
        }
    }

    /** The address of the TLS listener; null when TLS is off. */
    public InetSocketAddress tlsAddress() {
        return tlsListener == null ? null : (InetSocketAddress) tlsListener.localAddress();
    }

    /** Which I/O layer the event loops use: {@code EPOLL} or {@code NIO}. */
    public String transportName() {
        return transport.name();
    }

    /** The rooms and names of this server. */
    public RoomRegistry registry() {
        return registry;
    }

    /** Room lines dropped so far because their recipient was not reading. */
    public long droppedDeliveries() {
        return dispatcher.droppedDeliveries();
    }

    /** How many connections the limits count as open now: channels and gRPC calls. */
    public int openConnections() {
        return tracker.openCount();
    }

    /** The open channels (gRPC calls are not channels: see {@link #openConnections()} and the metrics). */
    public ChannelGroup connections() {
        return tracker.connections();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops the server gracefully: stops accepting, tells every user the server is shutting down (a
     * line on the text doors, a typed goodbye on gRPC calls), waits up to the shutdown timeout for
     * that to be sent, then closes every connection (cancels every call still open) and stops the threads.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        try {
            closeListener(listener);
            closeListener(tlsListener);
            closeListener(httpListener);
            long timeoutMs = config.shutdownTimeout.toMillis();
            GrpcDoor grpc = grpcDoor;
            if (grpc != null) {
                // gRPC calls get the same goodbye as a typed event, as their last, while the channels get theirs.
                grpc.stopAccepting();
                grpc.sayGoodbye(SHUTTING_DOWN, CloseReason.SHUTDOWN, false);
            }
            connections().forEach(channel -> {
                Connections.closing(channel, CloseReason.SHUTDOWN);
                ExecutorDispatcher.silence(channel);
            });
            connections().writeAndFlush(SHUTTING_DOWN, ChatServer::speaksChat)
                    .awaitUninterruptibly(timeoutMs);
            connections().close().awaitUninterruptibly(timeoutMs);
            if (grpc != null) {
                // Before the loops stop: calls whose client has not taken its goodbye by now are
                // cancelled, each a leave, on their loops.
                grpc.close(timeoutMs);
            }
            // No more deliveries: every connection is closed, and a run of lines handed to a loop
            // that stops before running it would keep its buffer for good.
            dispatcher.close();
            // The loops run what is left, each closed connection's leaving among it.
            shutDown(acceptGroup);
            shutDown(ioGroup);
            awaitLeavings(timeoutMs);
            rooms.close();
        } finally {
            closed.countDown();
        }
    }

    /**
     * The cluster let this node's members go (Redis lost its data, or this node lost its lease): they
     * are told to come back, and their connections closed, so each can claim its name again.
     */
    private void letMembersGo() {
        ChannelGroup all = connections();
        all.forEach(channel -> {
            // Once each: a reset of Redis is followed by the lease found gone, and a closing user has its goodbye.
            if (Connections.isNamed(channel) && Connections.closing(channel, CloseReason.CLUSTER_LOST)) {
                // Nothing of the rooms after the goodbye, which the member's node can't vouch for any more.
                ExecutorDispatcher.silence(channel);
                channel.writeAndFlush(CLUSTER_LOST).addListener(ChannelFutureListener.CLOSE);
            }
        });
        GrpcDoor grpc = grpcDoor;
        if (grpc != null) {
            grpc.sayGoodbye(CLUSTER_LOST, CloseReason.CLUSTER_LOST, true);
        }
    }

    /** Waits for the members' leaving to be made and announced: a cluster's Redis answers it later. */
    private void awaitLeavings(long timeoutMs) {
        try {
            service.leavingsDone().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("not every member's leaving was made within {} ms", timeoutMs);
        } catch (ExecutionException e) {
            log.warn("a member's leaving failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean speaksChat(Channel channel) {
        return !Connections.HTTP.equals(Connections.transport(channel));
    }

    private void awaitQuietly() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeListener(Channel channel) {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }

    private static void shutDown(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(SHUTDOWN_QUIET_MS, LOOP_SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .syncUninterruptibly();
        }
    }
}
