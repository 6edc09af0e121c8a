package roomchat.server.codec;

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
 * ({@link Format}): the line protocol's lines, or one JSON object. The encoders below turn the
 * Strings into bytes or frames. Room events arrive already rendered, once per format, and pass by.
 */
@ChannelHandler.Sharable
public final class NoticeEncoder extends MessageToMessageEncoder<Notice> {

    private final LineRenderer lines = new LineRenderer(ZoneId.systemDefault());

    public NoticeEncoder() {
        super(Notice.class);
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
