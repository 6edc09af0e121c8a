package roomchat.server;

/** The names of the handlers in a connection's pipeline, from the socket up. */
public final class PipelineNames {

    /** TCP from a trusted proxy: the PROXY protocol header (Netty's decoder), before anything else. */
    public static final String PROXY_DECODER = "proxyDecoder";
    /** TCP from a trusted proxy: the header's client address to the tracker. */
    public static final String PROXY_HEADER = "proxyHeader";
    /** TLS, on the TLS listener only. */
    public static final String TLS = "tls";
    /** Admits connections within the limits, tracks and logs them, and closes those whose output stays backed up. */
    public static final String CONNECTIONS = "connections";
    /** HTTP: bytes to requests and responses to bytes. */
    public static final String HTTP_CODEC = "httpCodec";
    /** HTTP from a trusted proxy: each request's X-Forwarded-For to the address it counts under. */
    public static final String FORWARDED_FOR = "forwardedFor";
    /** HTTP: a request's parts to one full request. */
    public static final String HTTP_AGGREGATOR = "httpAggregator";
    /** HTTP: 408 and a close for a connection whose next complete request is late. */
    public static final String HTTP_REQUEST_DEADLINE = "httpRequestDeadline";
    /** HTTP: refuses WebSocket upgrades from other sites' pages. */
    public static final String ORIGIN_CHECK = "originCheck";
    /** The WebSocket handshake, then pings, pongs and close frames. */
    public static final String WEBSOCKET_PROTOCOL = "webSocketProtocol";
    /** WebSocket: one Close frame, then a close, for a frame that breaks the protocol. */
    public static final String WEBSOCKET_VIOLATIONS = "webSocketViolations";
    /** Turns the connection into a chat connection once the handshake completes. */
    public static final String WEBSOCKET_STARTER = "webSocketStarter";
    /** WebSocket: the fragments of one message to one frame (takes the starter's place). */
    public static final String WEBSOCKET_AGGREGATOR = "webSocketAggregator";
    /** WebSocket: a text frame to a line, with the line limit, and the line to an Input. */
    public static final String FRAME_TO_INPUT = "frameToInput";
    /** WebSocket: an outgoing line to a text frame. */
    public static final String LINE_TO_FRAME = "lineToFrame";
    /** HTTP: the page, health and metrics. */
    public static final String HTTP_REQUESTS = "httpRequests";
    /**
     * TCP: the byte stream cut into lines, with a byte limit, and each line into an Input; outgoing
     * notices and Strings to lines wrapped to the terminal's width, in UTF-8 with a line end.
     */
    public static final String LINE_CODEC = "lineCodec";
    /** WebSocket: renders the notices written to the connection, in the format it speaks (lines or JSON). */
    public static final String NOTICE_ENCODER = "noticeEncoder";
    /** Drops lines over the connection's rate, and closes a flood. */
    public static final String RATE_LIMIT = "rateLimit";
    /** Holds a connection's next lines back while the answer to its last one is on its way, or its output is backed up. */
    public static final String ANSWER_ORDER = "answerOrder";
    /**
     * The per-connection state: choosing a name, then chatting, then closing; each keeps its own
     * timer, and, being last, turns failures into one error line for the user.
     */
    public static final String SESSION = "session";

    private PipelineNames() {
    }
}
