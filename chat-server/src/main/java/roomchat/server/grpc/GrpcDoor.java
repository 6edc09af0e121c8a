package roomchat.server.grpc;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import roomchat.core.chat.ChatService;
import roomchat.server.ServerConfig;

/**
 * The gRPC door's listener: a grpc-netty server on the chat server's own accept and I/O loops and
 * channel type, serving {@link ChatDoor}. Calls run directly on their transport's event loop (no
 * executor of gRPC's own): the chat's handling never blocks, as on every other door.
 */
public final class GrpcDoor implements AutoCloseable {

    /** Room for a message's framing beyond its text: a bigger message is refused by gRPC itself. */
    private static final int MESSAGE_OVERHEAD_BYTES = 1024;
    private static final long STOP_TIMEOUT_MS = 2_000;

    private final Server server;

    private GrpcDoor(Server server) {
        this.server = server;
    }

    /**
     * Starts the door on {@code port} (0: any free one) of the configured host.
     *
     * @throws IOException when the port can't be bound
     */
    public static GrpcDoor start(ServerConfig config, int port, EventLoopGroup acceptGroup, EventLoopGroup ioGroup,
            Class<? extends ServerChannel> channelType, ChatService service) throws IOException {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(config.host, port))
                .bossEventLoopGroup(acceptGroup)
                .workerEventLoopGroup(ioGroup)
                .channelType(channelType)
                .directExecutor()
                .maxInboundMessageSize(config.maxLineBytes + MESSAGE_OVERHEAD_BYTES)
                .addService(ServerInterceptors.intercept(new ChatDoor(service, config), new RemoteAddress()))
                .build()
                .start();
        return new GrpcDoor(server);
    }

    /** The address the door listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getListenSockets().get(0);
    }

    /** Stops listening and cancels every call (each a leave); waits a little for that to be done. */
    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
