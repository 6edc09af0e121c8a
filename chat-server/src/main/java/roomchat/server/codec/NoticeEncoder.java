package roomchat.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.time.ZoneId;
import java.util.List;
import roomchat.core.dispatch.Format;
import roomchat.core.event.Notice;
import roomchat.core.render.JsonRenderer;
import roomchat.core.render.LineRenderer;

/**
 * Renders each {@link Notice} written to a connection in the format the connection speaks
 * ({@link Format}): the line protocol's lines, or one JSON object. The encoder below turns the
 * Strings into frames. WebSocket only: TCP's line codec renders notices itself
 * ({@link TerminalLines}). Room events arrive already rendered, once per format, and pass by.
 */
@ChannelHandler.Sharable
public final class NoticeEncoder extends MessageToMessageEncoder<Notice> {

    private final LineRenderer lines = new LineRenderer(ZoneId.systemDefault());

    public NoticeEncoder() {
        super(Notice.class);
    }

    /**
     * Room events pass here as buffers, one write per recipient: they are told apart by a class
     * check first. An interface check ({@code instanceof Notice}) failing on every buffer would make
     * the JVM's one-entry cache of the buffer class's interfaces (which the encoders below fill with
     * {@code CharSequence}) flip between threads on every write, which costs far more than the check.
     */
    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return !(msg instanceof ByteBuf) && msg instanceof Notice;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Notice notice, List<Object> out) {
        if (Format.of(ctx.channel()) == Format.JSON) {
            out.add(JsonRenderer.json(notice));
        } else {
            out.addAll(lines.lines(notice));
        }
    }
}
