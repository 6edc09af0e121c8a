package roomchat.server.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoop;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import roomchat.core.chat.ChatService;
import roomchat.core.event.Notice;
import roomchat.core.limit.LineRateLimit;
import roomchat.server.ServerConfig;
import roomchat.server.connection.CallTicket;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.ConnectionTracker;
import roomchat.server.connection.Connections;
import roomchat.v1.ChatGrpc;
import roomchat.v1.ClientMessage;
import roomchat.v1.ServerEvent;

/**
 * The {@code roomchat.v1.Chat} service: each {@code Session} call is one member's connection, run
 * by a {@link GrpcSession} on the event loop that serves the call. Each call holds a place in the
 * server's connection limits ({@link ConnectionTracker#admit}, under its client's address) from its
 * start until gRPC reports it over (completed or cancelled); a call over a limit is told why in one
 * typed error, in nc's words, and ended with {@code RESOURCE_EXHAUSTED} before any greeting. The
 * door also knows its open sessions, so that the server can say goodbye to them
 * ({@link #sayGoodbye}).
 *
 * <p><b>Threads:</b> calls start and end on their loops; {@link #sayGoodbye} may be called from any
 * thread, {@link #awaitNoCalls} from any but a loop. The set of open sessions is concurrent; a loop
 * that empties it notifies the waiter under the {@code emptied} monitor, which the waiter holds
 * from its look at the set to its wait, so no notice is missed.
 */
final class ChatDoor extends ChatGrpc.ChatImplBase {

    /** What a refused call's further messages go to: nowhere. */
    private static final StreamObserver<ClientMessage> IGNORED = new StreamObserver<>() {
        @Override
        public void onNext(ClientMessage message) {
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onCompleted() {
        }
    };

    private final ChatService service;
    private final ServerConfig config;
    private final ConnectionTracker tracker;
    private final Set<GrpcSession> open = ConcurrentHashMap.newKeySet();
    /** Notified when {@link #open} may have become empty: {@link #awaitNoCalls} waits on it. */
    private final Object emptied = new Object();

    ChatDoor(ChatService service, ServerConfig config, ConnectionTracker tracker) {
        this.service = service;
        this.config = config;
        this.tracker = tracker;
    }

    @Override
    public StreamObserver<ClientMessage> session(StreamObserver<ServerEvent> responses) {
        // The server runs calls directly on their transport's loop (GrpcDoor), so this is that loop.
        if (!(ThreadExecutorMap.currentExecutor() instanceof EventLoop loop)) {
            throw new IllegalStateException("a gRPC call must start on its event loop");
        }
        ServerCallStreamObserver<ServerEvent> out = (ServerCallStreamObserver<ServerEvent>) responses;
        CallTicket ticket = tracker.admit(RemoteAddress.KEY.get(), Connections.GRPC, RemoteAddress.PEER.get());
        if (ticket.refusal() != null) {
            return refuse(out, ticket.refusalWords());
        }
        GrpcPort port = new GrpcPort(out, loop, config.maxPendingOutputBytes, config.slowConsumerTimeout);
        // --rate 0: no flood rule, as for the other doors (a bucket that never refills would be one).
        LineRateLimit rateLimit = config.ratePerSecond > 0
                ? new LineRateLimit(config.ratePerSecond, config.burst, config.floodTimeout.toNanos(), System.nanoTime())
                : null;
        GrpcSession session = new GrpcSession(service, port, loop, RemoteAddress.KEY.get(), ticket,
                config.maxLineBytes, rateLimit, config.nameTimeout, config.idleTimeout);
        // The call's place is held until gRPC says it is over: its trailers sent (a stalled client's wait
        // behind what it has not read), or it was cancelled, which the session hears of too.
        Runnable over = () -> {
            open.remove(session);
            ticket.release();
            if (open.isEmpty()) {
                synchronized (emptied) {
                    emptied.notifyAll();
                }
            }
        };
        out.setOnCloseHandler(over);
        out.setOnCancelHandler(over);
        open.add(session);
        session.start();
        return session;
    }

    /**
     * Tells every open call ({@code namedOnly}: every call with a member) {@code goodbye} as its last
     * event and ends it, {@code reason} being why in the disconnect counts. Any thread; each session
     * does it on its loop.
     */
    void sayGoodbye(Notice goodbye, CloseReason reason, boolean namedOnly) {
        open.forEach(session -> session.endFromServer(goodbye, reason, namedOnly));
    }

    /**
     * Waits up to {@code timeoutMs} for every chat call to be over (its trailers sent, or cancelled);
     * false if some are still open. For the server's shutdown, on its own thread: never on a loop.
     */
    boolean awaitNoCalls(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (emptied) {
            while (!open.isEmpty()) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    return false;
                }
                emptied.wait(leftMs);
            }
        }
        return true;
    }

    /** One typed error in the words nc users get, then the call's end: before any greeting. */
    private static StreamObserver<ClientMessage> refuse(ServerCallStreamObserver<ServerEvent> out, String words) {
        out.onNext(ProtoEvents.of(new Notice.Error(words)));
        out.onError(Status.RESOURCE_EXHAUSTED.withDescription(words).asRuntimeException());
        return IGNORED;
    }
}
