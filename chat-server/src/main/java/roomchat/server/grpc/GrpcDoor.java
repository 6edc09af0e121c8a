package roomchat.server.grpc;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import roomchat.core.chat.ChatService;
import roomchat.core.event.Notice;
import roomchat.server.ServerConfig;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.ConnectionTracker;
import roomchat.server.metrics.Prometheus;

/**
 * The gRPC door's listener: a grpc-netty server on the chat server's own accept and I/O loops and
 * channel type, serving {@link ChatDoor}. Calls run directly on their transport's event loop (no
 * executor of gRPC's own): the chat's handling never blocks, as on every other door.
 *
 * <p>Each call counts against the server's connection limits (see {@link ChatDoor}); one HTTP/2
 * connection may have at most {@code --grpc-max-calls-per-connection} calls open at once (HTTP/2's
 * {@code MAX_CONCURRENT_STREAMS}: a client's further calls wait in the client until one ends). The
 * HTTP/2 connections themselves are bounded apart ({@link TransportGate}: {@code --grpc-max-transports},
 * {@code --grpc-max-transports-per-ip}), and one without a call is closed after {@code --name-timeout}.
 *
 * <p>Beside the chat, the door serves the standard health service ({@link GrpcHealth}) and server
 * reflection ({@code grpc.reflection.v1}), so that generic tools (grpc-health-probe, grpcurl) can
 * check and inspect it. They are not members: their calls count against no limit. With a TLS
 * context ({@code --tls-cert}/{@code --tls-key}) the port speaks only TLS, with ALPN {@code h2}.
 *
 * <p><b>Stopping:</b> {@link #stopAccepting} (health {@code NOT_SERVING}), {@link #sayGoodbye} to the
 * open calls, then {@link #close} waits for them to end and cancels what is left (health watches
 * and reflection streams among it, which never end by themselves). Any thread.
 */
public final class GrpcDoor implements AutoCloseable {

    /** Room for a message's framing beyond its text: a bigger message is refused by gRPC itself. */
    private static final int MESSAGE_OVERHEAD_BYTES = 1024;
    private static final long STOP_TIMEOUT_MS = 2_000;

    private final Server server;
    private final ChatDoor door;
    private final GrpcHealth health;
    private final TransportGate gate;

    private GrpcDoor(Server server, ChatDoor door, GrpcHealth health, TransportGate gate) {
        this.server = server;
        this.door = door;
        this.health = health;
        this.gate = gate;
    }

    /**
     * Starts the door on {@code port} (0: any free one) of the configured host; over TLS when
     * {@code tls} (made by {@code GrpcSslContexts}, for ALPN) is not null. {@code serving} says
     * whether the server can serve, for the health service: asked on an event loop, it must not block.
     *
     * @throws IOException when the port can't be bound
     */
    public static GrpcDoor start(ServerConfig config, int port, SslContext tls, EventLoopGroup acceptGroup,
            EventLoopGroup ioGroup, Class<? extends ServerChannel> channelType, ChatService service,
            ConnectionTracker tracker, BooleanSupplier serving) throws IOException {
        ChatDoor door = new ChatDoor(service, config, tracker);
        GrpcHealth health = new GrpcHealth(serving);
        TransportGate gate = new TransportGate(config.grpcMaxTransports, config.grpcMaxTransportsPerIp);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(config.host, port))
                .bossEventLoopGroup(acceptGroup)
                .workerEventLoopGroup(ioGroup)
                .channelFactory(gate.channelFactory(channelType))
                // A connection with no call for as long as a new nc connection may go without a name is closed.
                .maxConnectionIdle(config.nameTimeout.toNanos(), TimeUnit.NANOSECONDS)
                .directExecutor()
                .maxInboundMessageSize(config.maxLineBytes + MESSAGE_OVERHEAD_BYTES)
                .maxConcurrentCallsPerConnection(config.grpcMaxCallsPerConnection)
                .addService(ServerInterceptors.intercept(door, new RemoteAddress()))
                .addService(health.service())
                // Lists the services and their proto files (roomchat/v1/chat.proto) to tools such as grpcurl.
                .addService(ProtoReflectionServiceV1.newInstance());
        if (tls != null) {
            builder.sslContext(tls);
        }
        Server server = builder.build().start();
        health.start(acceptGroup.next(), config.grpcHealthInterval);
        return new GrpcDoor(server, door, health, gate);
    }

    /** The door's own numbers: its HTTP/2 connections, open and refused (its calls are counted as connections). */
    public void writeMetrics(StringBuilder out) {
        Prometheus.single(out, "roomchat_grpc_transports", "gauge",
                "HTTP/2 connections open on the gRPC door (each carries up to --grpc-max-calls-per-connection calls).",
                gate.open());
        Prometheus.single(out, "roomchat_grpc_transports_refused_total", "counter",
                "HTTP/2 connections to the gRPC door closed at accept, over the connection limits.", gate.refused());
    }

    /** The address the door listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getListenSockets().get(0);
    }

    /**
     * Health {@code NOT_SERVING} for good (watchers hear it first), then stops listening and refuses
     * new calls on the connections already open (HTTP/2 GOAWAY); open calls go on.
     */
    public void stopAccepting() {
        health.stop();
        server.shutdown();
    }

    /**
     * Tells every open call ({@code namedOnly}: every call with a member) {@code goodbye} as its last
     * event and ends it, for {@code reason}. Returns at once; each call does it on its loop.
     */
    public void sayGoodbye(Notice goodbye, CloseReason reason, boolean namedOnly) {
        door.sayGoodbye(goodbye, reason, namedOnly);
    }

    /**
     * Stops accepting, waits up to {@code graceMs} for the open chat calls to end (those told goodbye
     * end once the client has their last events), then cancels the rest (each a leave; health
     * watches and reflection streams, which are never over by themselves, are not waited for) and
     * waits a little for that to be done.
     */
    public void close(long graceMs) {
        stopAccepting();
        try {
            door.awaitNoCalls(graceMs);
            server.shutdownNow();
            server.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels every call at once (each a leave). */
    @Override
    public void close() {
        close(0);
    }
}
