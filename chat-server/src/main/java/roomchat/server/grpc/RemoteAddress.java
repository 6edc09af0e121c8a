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
 * Puts each call's client address into its {@link Context}, where the session reads it: limits such
 * as password guessing count by it, as for the other doors. Stateless.
 */
final class RemoteAddress implements ServerInterceptor {

    /** The client's address in a call's context; the loopback address when the transport gave none. */
    static final Context.Key<InetAddress> KEY = Context.keyWithDefault("roomchat.remote-address",
            InetAddress.getLoopbackAddress());

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(KEY, inet.getAddress()), call, headers, next);
    }
}
