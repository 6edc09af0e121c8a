package roomchat.server.session;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import roomchat.core.chat.Reply;
import roomchat.core.event.Notice;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/** Writes a {@link Reply} to the connection it answers, with one flush, then does what is to follow it. */
final class Replies {

    /** A reply that could not be encoded for want of memory closes its connection rather than leaving it half answered. */
    private static final ChannelFutureListener CLOSE_IF_OUT_OF_MEMORY = future -> {
        if (!future.isSuccess() && OutOfMemory.caused(future.cause())) {
            Connections.closing(future.channel(), CloseReason.OUT_OF_MEMORY);
            future.channel().close();
        }
    };

    private Replies() {
    }

    static void write(ChannelHandlerContext ctx, Reply reply) {
        ChannelFuture last = null;
        for (Notice notice : reply.notices()) {
            last = ctx.write(notice).addListener(CLOSE_IF_OUT_OF_MEMORY);
        }
        if (last != null) {
            ctx.flush();
        }
        reply.then().run();
        if (reply.close()) {
            // Close only once the goodbye has reached the socket.
            Connections.closeWhenDone(last != null ? last : ctx.newSucceededFuture(), CloseReason.QUIT);
        }
    }
}
