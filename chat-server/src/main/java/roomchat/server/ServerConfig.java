package roomchat.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import roomchat.core.chat.ChatService;
import roomchat.core.limit.GuessLedger;
import roomchat.core.name.NameRules;
import roomchat.core.text.TerminalWrap;
import roomchat.history.SqliteHistoryStore;
import roomchat.server.http.AllowedOrigins;
import roomchat.server.proxy.TrustedProxies;

/**
 * Everything a server is started with: each setting is a field with its flag, its default (a named
 * constant) and its description, in one place. {@link Main} fills it from the command line; tests
 * start from {@link #defaults()} and change fields. docs/operations.md lists the same flags.
 * Not thread-safe: set it up, then hand it to a {@link ChatServer}, which reads it once.
 */
public final class ServerConfig {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_ROOM = "lobby";
    public static final int DEFAULT_HISTORY_LINES = 20;
    public static final long DEFAULT_MAX_HISTORY_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_ANNOUNCE_LIMIT = ChatService.DEFAULT_ANNOUNCE_LIMIT;
    public static final int DEFAULT_MAX_LINE_BYTES = 1024;
    public static final int DEFAULT_MAX_PENDING_OUTPUT_BYTES = 1024 * 1024;
    public static final int DEFAULT_WRAP_WIDTH = 80;
    public static final int DEFAULT_SOCKET_SEND_BUFFER_BYTES = 64 * 1024;
    public static final String DEFAULT_SLOW_CONSUMER_TIMEOUT = "30s";
    public static final String DEFAULT_IDLE_TIMEOUT = "5m";
    public static final String DEFAULT_NAME_TIMEOUT = "60s";
    public static final String DEFAULT_HTTP_REQUEST_TIMEOUT = "10s";
    public static final int DEFAULT_RATE = 20;
    public static final int DEFAULT_BURST = 40;
    public static final String DEFAULT_FLOOD_TIMEOUT = "10s";
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 100;
    public static final int DEFAULT_ROOM_GUESS_RATE = GuessLedger.ROOM_GUESSES_PER_MINUTE;
    public static final String DEFAULT_SHUTDOWN_TIMEOUT = "3s";
    public static final int DEFAULT_TLS_PORT = 8443;
    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final int DEFAULT_GRPC_PORT = 8082;
    /**
     * Calls one HTTP/2 connection may have open at once on the gRPC door: a program needs one call per
     * member it speaks for, and each call counts against the connection limits anyway; this bounds the
     * streams (each with its buffers, up to gRPC's on-ready threshold when stalled) a single connection
     * can make the server hold, which the per-address limit counts only once they are calls.
     */
    public static final int DEFAULT_GRPC_MAX_CALLS_PER_CONNECTION = 4;
    /**
     * HTTP/2 connections the gRPC door keeps open at once, and from one address: each costs a
     * transport (some KiB) before it carries a call, which the call limits can't see. As many as
     * the server's connections, so that every member could have one of its own.
     */
    public static final int DEFAULT_GRPC_MAX_TRANSPORTS = DEFAULT_MAX_CONNECTIONS;
    public static final int DEFAULT_GRPC_MAX_TRANSPORTS_PER_IP = DEFAULT_MAX_CONNECTIONS_PER_IP;
    /**
     * How often the gRPC health service looks at whether the server can serve (a cluster node: whether
     * Redis answers): the link keeps that as a flag, so a look costs nothing, and a load balancer that
     * watches the health learns of a lost Redis within this long.
     */
    public static final String DEFAULT_GRPC_HEALTH_INTERVAL = "1s";
    /** Below this the health checks would only keep a loop busy. */
    static final long MIN_GRPC_HEALTH_INTERVAL_MS = 10;
    public static final String DEFAULT_NODE_LEASE = "15s";
    /** Lines of each room the history file keeps (--history-db). */
    public static final int DEFAULT_HISTORY_KEEP = 1_000;
    /** How long the history file keeps a line (--history-db). */
    public static final String DEFAULT_HISTORY_MAX_AGE = "7d";
    /** Lines that may wait to be written to the history file before the oldest are dropped from it. */
    public static final int DEFAULT_HISTORY_WRITE_QUEUE = SqliteHistoryStore.DEFAULT_QUEUE_LINES;
    /** What a node id may be: it is part of every member's ref, whose last colon ends it. */
    public static final String NODE_ID_RULE = "1-64 letters, digits, '.', '_' or '-'";
    /** As {@link #httpPort} or {@link #grpcPort}: listen on any free port (for tests; the flag's 0 disables the door). */
    public static final int ANY_FREE_PORT = -1;
    /** Stands for one thread per core in {@link #ioThreads} and {@link #dispatchThreads}. */
    public static final int PER_CORE = 0;

    @Option(names = "--host", defaultValue = DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    public String host;

    @Option(names = "--port", defaultValue = "" + DEFAULT_PORT,
            description = "TCP port for nc users; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    public int port;

    @Option(names = "--default-room", defaultValue = DEFAULT_ROOM,
            description = "The room every user enters first (default: ${DEFAULT-VALUE}).")
    public String defaultRoom;

    @Option(names = "--history", defaultValue = "" + DEFAULT_HISTORY_LINES,
            description = "Lines of each room's history replayed to whoever joins it; 0 keeps none"
                    + " (default: ${DEFAULT-VALUE}).")
    public int historyLines;

    @Option(names = "--max-history-bytes", defaultValue = "" + DEFAULT_MAX_HISTORY_BYTES,
            description = "Memory every room's history may hold together (two bytes a character, plus about 100"
                    + " a line); a room over it forgets its own oldest lines first (default: ${DEFAULT-VALUE}).")
    public long maxHistoryBytes;

    @Option(names = "--history-db", paramLabel = "FILE",
            description = "Keep rooms' history in this SQLite file (made if new), across restarts; not with --redis,"
                    + " whose streams keep a cluster's history (default: history in memory only).")
    public Path historyDb;

    @Option(names = "--history-keep", defaultValue = "" + DEFAULT_HISTORY_KEEP,
            description = "With --history-db: lines of each room the file keeps (default: ${DEFAULT-VALUE}).")
    public int historyKeep;

    @Option(names = "--history-max-age", defaultValue = DEFAULT_HISTORY_MAX_AGE, converter = DurationConverter.class,
            description = "With --history-db: how long the file keeps a line (default: ${DEFAULT-VALUE}).")
    public Duration historyMaxAge;

    @Option(names = "--history-write-queue", defaultValue = "" + DEFAULT_HISTORY_WRITE_QUEUE,
            description = "With --history-db: lines that may wait to be written; beyond them the oldest waiting are"
                    + " dropped from the file (not from the chat) and counted (default: ${DEFAULT-VALUE}).")
    public int historyWriteQueue;

    @Option(names = "--announce-limit", defaultValue = "" + DEFAULT_ANNOUNCE_LIMIT,
            description = "Joins and leaves are announced only in rooms of at most this many members"
                    + " (default: ${DEFAULT-VALUE}).")
    public int announceLimit;

    @Option(names = "--max-line", defaultValue = "" + DEFAULT_MAX_LINE_BYTES,
            description = "Longest line a user may send, in bytes (default: ${DEFAULT-VALUE}).")
    public int maxLineBytes;

    @Option(names = "--max-pending-output", defaultValue = "" + DEFAULT_MAX_PENDING_OUTPUT_BYTES,
            description = "Bytes that may wait to be sent to one user before room lines to it are dropped"
                    + " (default: ${DEFAULT-VALUE}).")
    public int maxPendingOutputBytes;

    @Option(names = "--wrap-width", defaultValue = "" + DEFAULT_WRAP_WIDTH,
            description = "nc users' lines wider than this many columns are wrapped by the server, continuing"
                    + " indented, so that no terminal at least this wide wraps a line itself; 0 never wraps"
                    + " (default: ${DEFAULT-VALUE}).")
    public int wrapWidth;

    @Option(names = "--socket-send-buffer", defaultValue = "" + DEFAULT_SOCKET_SEND_BUFFER_BYTES,
            description = "Bytes the kernel may hold for one user on top of --max-pending-output (SO_SNDBUF; Linux"
                    + " doubles it); 0 leaves it to the kernel, which may grow it to megabytes (default: ${DEFAULT-VALUE}).")
    public int socketSendBufferBytes;

    @Option(names = "--slow-consumer-timeout", defaultValue = DEFAULT_SLOW_CONSUMER_TIMEOUT,
            converter = DurationConverter.class,
            description = "How long a user may stay over --max-pending-output before it is disconnected"
                    + " (default: ${DEFAULT-VALUE}).")
    public Duration slowConsumerTimeout;

    @Option(names = "--idle-timeout", defaultValue = DEFAULT_IDLE_TIMEOUT, converter = DurationConverter.class,
            description = "Disconnect a named user after this long without input; 0 never (default: ${DEFAULT-VALUE}).")
    public Duration idleTimeout;

    @Option(names = "--name-timeout", defaultValue = DEFAULT_NAME_TIMEOUT, converter = DurationConverter.class,
            description = "Disconnect a connection that has not chosen a name this long after its session started"
                    + " (TCP: on connecting; WebSocket: after its handshake), whatever it sent meanwhile; 0 never"
                    + " (default: ${DEFAULT-VALUE}).")
    public Duration nameTimeout;

    @Option(names = "--http-request-timeout", defaultValue = DEFAULT_HTTP_REQUEST_TIMEOUT,
            converter = DurationConverter.class,
            description = "On the HTTP port, answer 408 and close if a complete request has not arrived this long"
                    + " after the connection opened or its last answer; 0 never (default: ${DEFAULT-VALUE}).")
    public Duration httpRequestTimeout;

    @Option(names = "--rate", defaultValue = "" + DEFAULT_RATE,
            description = "Lines per second one connection may send, on average; 0 for no limit"
                    + " (default: ${DEFAULT-VALUE}).")
    public int ratePerSecond;

    @Option(names = "--burst", defaultValue = "" + DEFAULT_BURST,
            description = "Lines one connection may send at once above --rate (default: ${DEFAULT-VALUE}).")
    public int burst;

    @Option(names = "--flood-timeout", defaultValue = DEFAULT_FLOOD_TIMEOUT, converter = DurationConverter.class,
            description = "Disconnect a connection that keeps sending over --rate for this long"
                    + " (default: ${DEFAULT-VALUE}).")
    public Duration floodTimeout;

    @Option(names = "--max-connections", defaultValue = "" + DEFAULT_MAX_CONNECTIONS,
            description = "Connections the server holds at once (default: ${DEFAULT-VALUE}).")
    public int maxConnections;

    @Option(names = "--max-connections-per-ip", defaultValue = "" + DEFAULT_MAX_CONNECTIONS_PER_IP,
            description = "Connections one address may hold at once (default: ${DEFAULT-VALUE}).")
    public int maxConnectionsPerIp;

    @Option(names = "--room-guess-rate", defaultValue = "" + DEFAULT_ROOM_GUESS_RATE,
            description = "Wrong passwords one room takes a minute from all addresses together, in bursts"
                    + " of as many; beyond that every guess for it waits. 0 for no limit per room"
                    + " (default: ${DEFAULT-VALUE}).")
    public int roomGuessRate;

    @Option(names = "--shutdown-timeout", defaultValue = DEFAULT_SHUTDOWN_TIMEOUT, converter = DurationConverter.class,
            description = "How long a stopping server waits for its goodbye to reach users (default: ${DEFAULT-VALUE}).")
    public Duration shutdownTimeout;

    @Option(names = "--tls-cert", description = "PEM certificate chain; with --tls-key, also serve TLS.")
    public Path tlsCert;

    @Option(names = "--tls-key", description = "PEM private key (PKCS#8) for --tls-cert.")
    public Path tlsKey;

    @Option(names = "--tls-port", defaultValue = "" + DEFAULT_TLS_PORT,
            description = "TCP port for TLS users; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    public int tlsPort;

    @Option(names = "--http-port", defaultValue = "" + DEFAULT_HTTP_PORT,
            description = "HTTP port for the web page and its WebSocket, /healthz and /metrics; 0 disables"
                    + " (default: ${DEFAULT-VALUE}).")
    public int httpPort;

    @Option(names = "--grpc-port", defaultValue = "" + DEFAULT_GRPC_PORT,
            description = "port of the gRPC door (roomchat.v1.Chat) for programs; 0 disables"
                    + " (default: ${DEFAULT-VALUE}).")
    public int grpcPort;

    @Option(names = "--grpc-max-calls-per-connection", defaultValue = "" + DEFAULT_GRPC_MAX_CALLS_PER_CONNECTION,
            description = "gRPC calls (members) one HTTP/2 connection may have open at once; a client's further calls"
                    + " wait until one ends (HTTP/2 MAX_CONCURRENT_STREAMS). Every call also counts against"
                    + " --max-connections and --max-connections-per-ip (default: ${DEFAULT-VALUE}).")
    public int grpcMaxCallsPerConnection;

    @Option(names = "--grpc-max-transports", defaultValue = "" + DEFAULT_GRPC_MAX_TRANSPORTS,
            description = "HTTP/2 connections the gRPC door keeps open at once; more are closed at accept. A connection"
                    + " with no call is closed after --name-timeout (default: ${DEFAULT-VALUE}).")
    public int grpcMaxTransports;

    @Option(names = "--grpc-max-transports-per-ip", defaultValue = "" + DEFAULT_GRPC_MAX_TRANSPORTS_PER_IP,
            description = "HTTP/2 connections one address may keep open on the gRPC door; more are closed at accept"
                    + " (default: ${DEFAULT-VALUE}).")
    public int grpcMaxTransportsPerIp;

    @Option(names = "--grpc-health-interval", defaultValue = DEFAULT_GRPC_HEALTH_INTERVAL,
            converter = DurationConverter.class,
            description = "How often the gRPC door's health service (grpc.health.v1) checks that the server can serve"
                    + " (in a cluster: that Redis answers) (default: ${DEFAULT-VALUE}).")
    public Duration grpcHealthInterval;

    @Option(names = "--allowed-origins", split = ",", paramLabel = "ORIGIN",
            description = "Web page origins allowed to open the WebSocket besides the server's own pages"
                    + " (http://localhost, 127.0.0.1 or [::1], --host, or the address connected to, at the HTTP port),"
                    + " such as https://chat.example.org behind a reverse proxy, or * for any (default: none).")
    public List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--trusted-proxies", split = ",", paramLabel = "CIDR",
            description = "Reverse proxies (addresses or CIDRs such as 10.0.0.0/8) whose PROXY protocol header (TCP, TLS)"
                    + " or X-Forwarded-For (HTTP) names the client's address for limits and logs (default: none).")
    public List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--redis", defaultValue = "${env:REDIS_URL}", paramLabel = "URI",
            description = "Join the cluster this Redis defines (redis://HOST:PORT); also REDIS_URL. Without it, one server on its own.")
    public String redis;

    @Option(names = "--node-id", description = "This node's id in the cluster, in logs and metrics (default: generated).")
    public String nodeId;

    @Option(names = "--node-lease", defaultValue = DEFAULT_NODE_LEASE, converter = DurationConverter.class,
            description = "How long a node that stopped answering keeps its members in the cluster (default: ${DEFAULT-VALUE}).")
    public Duration nodeLease;

    @Option(names = "--io-threads", defaultValue = "" + PER_CORE,
            description = "Event-loop threads for connections; 0 = one per core (default: ${DEFAULT-VALUE}).")
    public int ioThreads;

    @Option(names = "--dispatch-threads", defaultValue = "" + PER_CORE,
            description = "Threads that deliver room lines; 0 = one per core (default: ${DEFAULT-VALUE}).")
    public int dispatchThreads;

    /** The documented defaults: the same values the flags default to. */
    public static ServerConfig defaults() {
        ServerConfig config = new ServerConfig();
        new picocli.CommandLine(config).parseArgs();
        return config;
    }

    /** Whether this server is a node of a cluster ({@code --redis}). */
    public boolean clustered() {
        return redis != null && !redis.isBlank();
    }

    /** Whether TLS is configured. */
    public boolean tlsEnabled() {
        return tlsCert != null && tlsKey != null;
    }

    /** Throws IllegalArgumentException naming the first setting that can't work. */
    public void validate() {
        require(port >= 0 && port <= 65_535, "--port must be 0-65535");
        require(tlsPort >= 0 && tlsPort <= 65_535, "--tls-port must be 0-65535");
        require(httpPort >= ANY_FREE_PORT && httpPort <= 65_535, "--http-port must be 0-65535");
        require(grpcPort >= ANY_FREE_PORT && grpcPort <= 65_535, "--grpc-port must be 0-65535");
        require(NameRules.isRoomName(defaultRoom), "--default-room must be " + NameRules.ROOM_NAME_RULE);
        require(maxLineBytes > 0, "--max-line must be at least 1");
        require(historyLines >= 0, "--history can't be negative");
        require(maxHistoryBytes >= 0, "--max-history-bytes can't be negative");
        require(historyKeep >= 1, "--history-keep must be at least 1");
        require(historyMaxAge.toMillis() >= 1_000, "--history-max-age must be at least 1s");
        require(historyWriteQueue >= 1, "--history-write-queue must be at least 1");
        require(historyDb == null || !clustered(),
                "--history-db can't be used with --redis: a cluster's rooms keep their history in Redis");
        require(announceLimit >= 0, "--announce-limit can't be negative");
        require(maxPendingOutputBytes > 0, "--max-pending-output must be at least 1");
        require(wrapWidth == 0 || wrapWidth >= TerminalWrap.MIN_WIDTH,
                "--wrap-width must be 0 or at least " + TerminalWrap.MIN_WIDTH);
        require(socketSendBufferBytes >= 0, "--socket-send-buffer can't be negative");
        require(ratePerSecond >= 0 && burst >= 1, "--rate can't be negative and --burst must be at least 1");
        require(maxConnections > 0 && maxConnectionsPerIp > 0, "connection limits must be at least 1");
        require(grpcMaxCallsPerConnection > 0, "--grpc-max-calls-per-connection must be at least 1");
        require(grpcMaxTransports > 0 && grpcMaxTransportsPerIp > 0, "gRPC connection limits must be at least 1");
        require(grpcHealthInterval.toMillis() >= MIN_GRPC_HEALTH_INTERVAL_MS, "--grpc-health-interval must be at least 10ms");
        require(roomGuessRate >= 0, "--room-guess-rate can't be negative");
        require(ioThreads >= 0 && dispatchThreads >= 0, "thread counts can't be negative");
        require((tlsCert == null) == (tlsKey == null), "--tls-cert and --tls-key go together");
        require(!clustered() || redis.startsWith("redis://") || redis.startsWith("rediss://"),
                "--redis takes redis://HOST:PORT (or rediss:// for TLS)");
        require(nodeId == null || nodeId.matches("[A-Za-z0-9._-]{1,64}"), "--node-id must be " + NODE_ID_RULE);
        require(nodeLease.toMillis() >= 1_000, "--node-lease must be at least 1s");
        require(allowedOrigins.stream().allMatch(AllowedOrigins::isValidEntry),
                "--allowed-origins takes origins such as https://chat.example.org, or *");
        trustedProxyRanges();
        for (Duration d : new Duration[] {slowConsumerTimeout, idleTimeout, nameTimeout, httpRequestTimeout,
                floodTimeout, shutdownTimeout, nodeLease}) {
            require(!d.isNegative(), "durations can't be negative");
        }
    }

    /** The parsed {@link #trustedProxies}; throws IllegalArgumentException naming a bad entry. */
    public TrustedProxies trustedProxyRanges() {
        return TrustedProxies.parse(trustedProxies);
    }

    int ioThreadCount() {
        return ioThreads == PER_CORE ? cores() : ioThreads;
    }

    int dispatchThreadCount() {
        return dispatchThreads == PER_CORE ? cores() : dispatchThreads;
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
