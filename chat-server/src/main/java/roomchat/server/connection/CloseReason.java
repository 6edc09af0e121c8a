package roomchat.server.connection;

import java.util.Locale;

/** Why a connection was closed: for the disconnect log line and the metrics. */
public enum CloseReason {
    QUIT("quit"),
    CLOSED_BY_CLIENT("closed by client"),
    IDLE("idle"),
    NO_NAME("no name chosen"),
    REQUEST_TIMEOUT("no http request in time"),
    FLOODING("flooding"),
    SLOW_CONSUMER("slow consumer: not reading"),
    SERVER_FULL("server full"),
    TOO_MANY_FROM_ADDRESS("too many connections from its address"),
    FORBIDDEN_ORIGIN("websocket from a forbidden origin"),
    BAD_PROXY_HEADER("no valid PROXY header from a trusted proxy"),
    CONNECTION_ERROR("connection error"),
    OUT_OF_MEMORY("out of memory for its output"),
    SHUTDOWN("server shutting down"),
    CLUSTER_LOST("the cluster let this node's members go");

    private final String description;

    CloseReason(String description) {
        this.description = description;
    }

    /** The label in metrics: {@code slow_consumer}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return description;
    }
}
