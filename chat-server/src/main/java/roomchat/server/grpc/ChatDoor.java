package roomchat.server.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import roomchat.core.chat.ChatService;
import roomchat.core.limit.LineRateLimit;
import roomchat.server.ServerConfig;
import roomchat.v1.ChatGrpc;
import roomchat.v1.ClientMessage;
import roomchat.v1.ServerEvent;

/**
 * The {@code roomchat.v1.Chat} service: each {@code Session} call is one member's connection, run
 * by a {@link GrpcSession} on the event loop that serves the call. Stateless beyond its settings.
 */
final class ChatDoor extends ChatGrpc.ChatImplBase {

    private final ChatService service;
    private final ServerConfig config;

    ChatDoor(ChatService service, ServerConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public StreamObserver<ClientMessage> session(StreamObserver<ServerEvent> responses) {
        // The server runs calls directly on their transport's loop (GrpcDoor), so this is that loop.
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null) {
            throw new IllegalStateException("a gRPC call must start on its event loop");
        }
        ServerCallStreamObserver<ServerEvent> out = (ServerCallStreamObserver<ServerEvent>) responses;
        GrpcPort port = new GrpcPort(out, loop, config.slowConsumerTimeout);
        // --rate 0: no flood rule, as for the other doors (a bucket that never refills would be one).
        LineRateLimit rateLimit = config.ratePerSecond > 0
                ? new LineRateLimit(config.ratePerSecond, config.burst, config.floodTimeout.toNanos(), System.nanoTime())
                : null;
        GrpcSession session = new GrpcSession(service, port, loop, RemoteAddress.KEY.get(),
                config.maxLineBytes, rateLimit, config.nameTimeout, config.idleTimeout);
        session.start();
        return session;
    }
}
