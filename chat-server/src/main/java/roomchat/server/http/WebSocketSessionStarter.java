package roomchat.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import roomchat.core.dispatch.Format;
import roomchat.server.PipelineNames;
import roomchat.server.codec.LineToTextFrameEncoder;
import roomchat.server.codec.NoticeEncoder;
import roomchat.server.codec.TextFrameToInputDecoder;
import roomchat.server.connection.Connections;
import roomchat.server.session.SessionHandlers;

/**
 * When a WebSocket handshake completes, turns the HTTP connection into a chat connection: the
 * HTTP-only handlers go, and frames are turned into lines (and lines into frames) below the same
 * chat handlers a TCP connection has, which then see the connection become active, as a TCP
 * connection's do when it opens: the session greets the user. A client that chose the subprotocol
 * {@value HttpChatInitializer#JSON_SUBPROTOCOL} is marked {@link Format#JSON} first, so that the
 * greeting already comes as JSON.
 */
@ChannelHandler.Sharable
final class WebSocketSessionStarter extends ChannelInboundHandlerAdapter {

    private static final LineToTextFrameEncoder LINE_TO_FRAME = new LineToTextFrameEncoder();
    private static final NoticeEncoder NOTICE_ENCODER = new NoticeEncoder();

    private final TextFrameToInputDecoder frameToInput;
    private final SessionHandlers session;

    WebSocketSessionStarter(int maxLineBytes, SessionHandlers session) {
        this.frameToInput = new TextFrameToInputDecoder(maxLineBytes, session.inputs());
        this.session = session;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        Connections.transport(ctx.channel(), Connections.WEBSOCKET);
        if (HttpChatInitializer.JSON_SUBPROTOCOL.equals(handshake.selectedSubprotocol())) {
            Format.JSON.markOn(ctx.channel());
        }
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.remove(PipelineNames.HTTP_REQUEST_DEADLINE);
        pipeline.remove(PipelineNames.HTTP_REQUESTS);
        pipeline.remove(PipelineNames.ORIGIN_CHECK);
        if (pipeline.get(PipelineNames.FORWARDED_FOR) != null) {
            // The upgrade was the last request: the connection stays counted under its client.
            pipeline.remove(PipelineNames.FORWARDED_FOR);
        }
        pipeline.replace(this, PipelineNames.WEBSOCKET_AGGREGATOR, new WebSocketFrameAggregator(HttpChatInitializer.MAX_MESSAGE_BYTES));
        pipeline.addLast(PipelineNames.FRAME_TO_INPUT, frameToInput)
                .addLast(PipelineNames.LINE_TO_FRAME, LINE_TO_FRAME)
                // Notices are written as objects and rendered here, as lines or JSON.
                .addLast(PipelineNames.NOTICE_ENCODER, NOTICE_ENCODER);
        session.addTo(pipeline);
        // For the chat handlers the session begins now: they see the connection become active.
        pipeline.context(PipelineNames.WEBSOCKET_AGGREGATOR).fireChannelActive();
    }
}
