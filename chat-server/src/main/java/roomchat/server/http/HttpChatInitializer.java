package roomchat.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import roomchat.server.PipelineNames;
import roomchat.server.ServerConfig;
import roomchat.server.connection.ConnectionTracker;
import roomchat.server.connection.Connections;
import roomchat.server.proxy.ForwardedForHandler;
import roomchat.server.proxy.TrustedProxies;
import roomchat.server.session.SessionHandlers;

/**
 * The pipeline of an HTTP connection: the web page, {@code /healthz} and {@code /metrics} as plain
 * HTTP, and {@code /ws}, which becomes a WebSocket carrying one line of the chat protocol per text
 * frame, or, for a client that asks for the subprotocol {@value #JSON_SUBPROTOCOL}, one JSON event
 * per frame. Once upgraded, {@link WebSocketSessionStarter} swaps in the frame codec and the same
 * chat handlers as a TCP connection.
 */
public final class HttpChatInitializer extends ChannelInitializer<Channel> {

    /** Where the WebSocket is. */
    public static final String WEBSOCKET_PATH = "/ws";
    /**
     * The WebSocket subprotocol (Sec-WebSocket-Protocol) of typed events: the server sends JSON
     * objects (docs/protocol.md, "JSON events"), the client sends lines as usual. A client that asks
     * for no subprotocol gets the line protocol.
     */
    public static final String JSON_SUBPROTOCOL = "roomchat.v1.json";
    /** The largest HTTP request or WebSocket message accepted at all; lines have their own, smaller limit. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final ServerConfig config;
    private final ConnectionTracker tracker;
    private final HttpRequestHandler requests;
    private final OriginCheck originCheck;
    private final WebSocketServerProtocolConfig webSocketConfig = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(WEBSOCKET_PATH)
            .subprotocols(JSON_SUBPROTOCOL)
            .maxFramePayloadLength(MAX_MESSAGE_BYTES)
            // ProtocolViolationHandler sends the one Close frame a protocol violation gets.
            .closeOnProtocolViolation(false)
            .build();
    private final ProtocolViolationHandler protocolViolations = new ProtocolViolationHandler();
    private final WebSocketSessionStarter sessionStarter;
    private final TrustedProxies trustedProxies;

    public HttpChatInitializer(ServerConfig config, ConnectionTracker tracker, HttpRequestHandler requests,
                               SessionHandlers session) {
        this.config = config;
        this.trustedProxies = config.trustedProxyRanges();
        this.tracker = tracker;
        this.requests = requests;
        this.originCheck = new OriginCheck(new AllowedOrigins(config.allowedOrigins, config.host));
        this.sessionStarter = new WebSocketSessionStarter(config.maxLineBytes, session);
    }

    @Override
    protected void initChannel(Channel channel) {
        Connections.transport(channel, Connections.HTTP);
        ChannelPipeline pipeline = channel.pipeline()
                .addLast(PipelineNames.CONNECTIONS, tracker)
                .addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec());
        if (trustedProxies.contains(channel.remoteAddress())) {
            // Each request's X-Forwarded-For says whose it is; from anyone else the header means nothing.
            Connections.viaTrustedProxy(channel);
            pipeline.addLast(PipelineNames.FORWARDED_FOR, new ForwardedForHandler(trustedProxies, tracker));
        }
        pipeline.addLast(PipelineNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_MESSAGE_BYTES))
                .addLast(PipelineNames.HTTP_REQUEST_DEADLINE, new RequestDeadline(config.httpRequestTimeout))
                .addLast(PipelineNames.ORIGIN_CHECK, originCheck)
                .addLast(PipelineNames.WEBSOCKET_PROTOCOL, new WebSocketServerProtocolHandler(webSocketConfig))
                .addLast(PipelineNames.WEBSOCKET_VIOLATIONS, protocolViolations)
                .addLast(PipelineNames.WEBSOCKET_STARTER, sessionStarter)
                .addLast(PipelineNames.HTTP_REQUESTS, requests);
    }
}
