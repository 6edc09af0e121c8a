package roomchat.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import roomchat.core.command.Input;

/**
 * A state of a connection's session: the handler under {@code session}, swapped as the connection
 * moves from choosing a name ({@link NameChoiceHandler}) to chatting ({@link ChatSessionHandler}) to
 * closing ({@link ClosingHandler}). Each holds the parts its server's sessions share
 * ({@link SessionHandlers}). Being the last handler of the pipeline, every state also answers the
 * failures that reach the top, all in the same way ({@link ErrorLines}): no handler of its own for
 * them, so one pipeline context fewer on every connection.
 */
abstract class SessionState extends SimpleChannelInboundHandler<Input> {

    /** What every session of this server shares. */
    final SessionHandlers shared;

    SessionState(SessionHandlers shared) {
        this.shared = shared;
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        shared.errorLines().caught(ctx, cause);
    }
}
