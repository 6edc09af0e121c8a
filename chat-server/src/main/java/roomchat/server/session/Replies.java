package roomchat.server.session;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import roomchat.core.chat.Reply;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;

/** Writes a {@link Reply} to the connection it answers, with one flush. */
final class Replies {

    private Replies() {
    }

    static void write(ChannelHandlerContext ctx, Reply reply) {
        ChannelFuture last = null;
        for (String line : reply.lines()) {
            last = ctx.write(line);
        }
        if (last != null) {
            ctx.flush();
        }
        if (reply.close()) {
            // Close only once the goodbye has reached the socket.
            Connections.closeWhenDone(last != null ? last : ctx.newSucceededFuture(), CloseReason.QUIT);
        }
    }
}
