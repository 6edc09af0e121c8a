package roomchat.server.session;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import roomchat.core.command.Input;

/**
 * The last state of a connection: the user said goodbye and the connection closes once the
 * goodbye is flushed. Whatever the user sent after it is dropped. One per server, shared.
 */
@ChannelHandler.Sharable
public final class ClosingHandler extends SessionState {

    ClosingHandler(SessionHandlers shared) {
        super(shared);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Input input) {
        // Never called: every message is dropped above.
    }
}
