package roomchat.core.room;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The address of the person behind a connection: the one a trusted reverse proxy reported for it,
 * if any, else the peer's. Limits, throttles and logs go by this address, so that users behind one
 * proxy are told apart. Kept as a channel attribute; set once the proxy has said, on the channel's
 * event loop, and read from anywhere.
 */
public final class ClientAddress {

    private static final AttributeKey<InetAddress> REPORTED = AttributeKey.valueOf("roomchat.clientAddress");

    private ClientAddress() {
    }

    /** The client's address: the reported one, else the peer's (loopback for a channel without one). */
    public static InetAddress of(Channel channel) {
        InetAddress reported = channel.attr(REPORTED).get();
        if (reported != null) {
            return reported;
        }
        return channel.remoteAddress() instanceof InetSocketAddress socket
                ? socket.getAddress() : InetAddress.getLoopbackAddress();
    }

    /** Records the client's address a trusted proxy reported for {@code channel}. */
    public static void report(Channel channel, InetAddress address) {
        channel.attr(REPORTED).set(address);
    }

    /** For logs: {@code /127.0.0.1:50312}, or {@code /203.0.113.7 via /10.0.0.2:50312} behind a proxy. */
    public static String describe(Channel channel) {
        InetAddress reported = channel.attr(REPORTED).get();
        return reported == null ? String.valueOf(channel.remoteAddress()) : reported + " via " + channel.remoteAddress();
    }
}
