package roomchat.server.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import roomchat.core.room.Member;

/**
 * What the server remembers about a connection beyond its pipeline, kept as channel attributes:
 * the member it speaks for, once named, and why it was closed, once it was.
 */
public final class Connections {

    private static final AttributeKey<Member> MEMBER = AttributeKey.valueOf("roomchat.member");
    private static final AttributeKey<String> CLOSE_REASON = AttributeKey.valueOf("roomchat.closeReason");
    private static final String CLOSED_BY_CLIENT = "closed by client";

    private Connections() {
    }

    /** Records that {@code channel} now speaks for {@code member}. */
    public static void named(Channel channel, Member member) {
        channel.attr(MEMBER).set(member);
    }

    /** {@code alice /127.0.0.1:50312}, or just the address before a name is chosen: for logs. */
    public static String describe(Channel channel) {
        Member member = channel.attr(MEMBER).get();
        return member == null ? String.valueOf(channel.remoteAddress()) : member + " " + channel.remoteAddress();
    }

    /** Why the connection closed: the first reason given, or that the client closed it. */
    public static String closeReason(Channel channel) {
        String reason = channel.attr(CLOSE_REASON).get();
        return reason == null ? CLOSED_BY_CLIENT : reason;
    }

    /** Closes the connection now, for {@code reason}. */
    public static void close(ChannelHandlerContext ctx, String reason) {
        ctx.channel().attr(CLOSE_REASON).setIfAbsent(reason);
        ctx.close();
    }

    /** Sends {@code lastLine} (a String or an encoded buffer), then closes for {@code reason}. */
    public static void closeAfter(ChannelHandlerContext ctx, Object lastLine, String reason) {
        closeWhenDone(ctx.writeAndFlush(lastLine), reason);
    }

    /** Closes the connection for {@code reason} once {@code lastWrite} is done. */
    public static void closeWhenDone(ChannelFuture lastWrite, String reason) {
        lastWrite.channel().attr(CLOSE_REASON).setIfAbsent(reason);
        lastWrite.addListener(ChannelFutureListener.CLOSE);
    }
}
