package roomchat.server.session;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last state of a connection: the user said goodbye and the connection closes once the
 * goodbye is flushed. Whatever the user sent after it is dropped.
 */
@ChannelHandler.Sharable
public final class ClosingHandler extends ChannelInboundHandlerAdapter {

    static final ClosingHandler INSTANCE = new ClosingHandler();

    private ClosingHandler() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
