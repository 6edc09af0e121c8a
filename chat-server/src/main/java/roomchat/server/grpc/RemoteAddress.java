package roomchat.server.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Puts each call's client address ({@link Grpc#TRANSPORT_ATTR_REMOTE_ADDR}) into its {@link Context},
 * where the door reads it: the connection limits and password guessing count by it, as for the other
 * doors, and logs name the peer. Stateless.
 */
final class RemoteAddress implements ServerInterceptor {

    /** The client's address in a call's context; the loopback address when the transport gave none. */
    static final Context.Key<InetAddress> KEY = Context.keyWithDefault("roomchat.remote-address",
            InetAddress.getLoopbackAddress());
    /** The peer's socket address for logs ({@code /127.0.0.1:50312}); {@code unknown} when the transport gave none. */
    static final Context.Key<String> PEER = Context.keyWithDefault("roomchat.peer", "unknown");

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return next.startCall(call, headers);
        }
        Context context = Context.current().withValues(KEY, inet.getAddress(), PEER, inet.toString());
        return Contexts.interceptCall(context, call, headers, next);
    }
}
