package roomchat.server.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import roomchat.core.room.Member;

/**
 * What the server remembers about a connection beyond its pipeline: how it speaks (its transport),
 * the member it speaks for once named, whose it is, and why it was closed. All of it is kept in one
 * {@code ConnectionState} per channel; see there which threads may call what.
 */
public final class Connections {

    /** Plain TCP, as nc speaks it. */
    public static final String TCP = "tcp";
    /** TCP inside TLS. */
    public static final String TLS = "tls";
    /** HTTP requests that have not (or not yet) become a WebSocket. */
    public static final String HTTP = "http";
    /** A gRPC call on the gRPC door (counted by {@link ConnectionTracker#admit}, not as a channel). */
    public static final String GRPC = "grpc";
    /** A WebSocket, as the web page speaks it. */
    public static final String WEBSOCKET = "websocket";

    private Connections() {
    }

    /** Records how {@code channel} speaks. */
    public static void transport(Channel channel, String transport) {
        ConnectionState.of(channel).transport = transport;
    }

    /** How {@code channel} speaks, or {@link #TCP} if nobody said. */
    public static String transport(Channel channel) {
        String transport = ConnectionState.of(channel).transport;
        return transport == null ? TCP : transport;
    }

    /**
     * The address of the person behind {@code channel}: the one a trusted proxy reported for it, if
     * any, else the peer's. Limits, throttles and logs count by this address.
     */
    public static InetAddress clientAddress(Channel channel) {
        InetAddress reported = ConnectionState.of(channel).reportedClient;
        if (reported != null) {
            return reported;
        }
        return channel.remoteAddress() instanceof InetSocketAddress socket
                ? socket.getAddress() : InetAddress.getLoopbackAddress();
    }

    /** Records the address a trusted proxy reported for {@code channel}'s client. */
    public static void clientAddress(Channel channel, InetAddress address) {
        ConnectionState.of(channel).reportedClient = address;
    }

    /** Records that {@code channel} comes from a trusted proxy, which will say whose connection it is. */
    public static void viaTrustedProxy(Channel channel) {
        ConnectionState.of(channel).viaTrustedProxy = true;
    }

    /** Whether {@code channel} comes from a trusted proxy: its client's address is known only once the proxy says. */
    public static boolean isViaTrustedProxy(Channel channel) {
        return ConnectionState.of(channel).viaTrustedProxy;
    }

    /** Records that {@code channel} now speaks for {@code member}. */
    public static void named(Channel channel, Member member) {
        ConnectionState.of(channel).member = member;
    }

    /** Whether {@code channel} speaks for a member (a name was claimed on it). */
    public static boolean isNamed(Channel channel) {
        return ConnectionState.of(channel).member != null;
    }

    /**
     * {@code alice /127.0.0.1:50312}, or just the address before a name is chosen, with the client's
     * address first behind a proxy ({@code /203.0.113.7 via /10.0.0.2:50312}): for logs.
     */
    public static String describe(Channel channel) {
        ConnectionState state = ConnectionState.of(channel);
        Member member = state.member;
        InetAddress reported = state.reportedClient;
        String address = reported == null ? String.valueOf(channel.remoteAddress()) : reported + " via " + channel.remoteAddress();
        return member == null ? address : member + " " + address;
    }

    /** Why the connection closed: the first reason given, or that the client closed it. */
    public static CloseReason closeReason(Channel channel) {
        CloseReason reason = ConnectionState.of(channel).closeReason();
        return reason == null ? CloseReason.CLOSED_BY_CLIENT : reason;
    }

    /**
     * Records why {@code channel} is about to be closed, unless a reason was recorded already;
     * returns whether this one was recorded (the channel was not closing yet). Any thread.
     */
    public static boolean closing(Channel channel, CloseReason reason) {
        return ConnectionState.of(channel).closing(reason);
    }

    /** Closes the connection now, for {@code reason}. */
    public static void close(ChannelHandlerContext ctx, CloseReason reason) {
        closing(ctx.channel(), reason);
        ctx.close();
    }

    /** Sends {@code lastLine} (a String or an encoded buffer), then closes for {@code reason}. */
    public static void closeAfter(ChannelHandlerContext ctx, Object lastLine, CloseReason reason) {
        closeWhenDone(ctx.writeAndFlush(lastLine), reason);
    }

    /** Closes the connection for {@code reason} once {@code lastWrite} is done. */
    public static void closeWhenDone(ChannelFuture lastWrite, CloseReason reason) {
        closing(lastWrite.channel(), reason);
        lastWrite.addListener(ChannelFutureListener.CLOSE);
    }
}
