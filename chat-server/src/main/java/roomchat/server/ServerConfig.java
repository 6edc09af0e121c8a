package roomchat.server;

import roomchat.core.name.NameRules;

/**
 * Everything a server is started with. Each limit has a named default here, a flag in {@link Main}
 * and a line in docs/operations.md.
 *
 * @param host            the address to listen on
 * @param port            the TCP port for nc users; 0 picks a free one
 * @param defaultRoom     the room every user enters first
 * @param maxLineBytes    the longest line a user may send, in bytes, not counting its line end
 * @param ioThreads       event-loop threads for connections; 0 means one per core
 * @param dispatchThreads threads that deliver room messages; 0 means one per core
 */
public record ServerConfig(String host, int port, String defaultRoom, int maxLineBytes,
                           int ioThreads, int dispatchThreads) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_ROOM = "lobby";
    public static final int DEFAULT_MAX_LINE_BYTES = 1024;
    /** Stands for one thread per core in {@link #ioThreads} and {@link #dispatchThreads}. */
    public static final int PER_CORE = 0;

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        if (!NameRules.isRoomName(defaultRoom)) {
            throw new IllegalArgumentException("default room must be " + NameRules.ROOM_NAME_RULE + ", not " + defaultRoom);
        }
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("max line must be at least 1 byte, not " + maxLineBytes);
        }
        if (ioThreads < 0 || dispatchThreads < 0) {
            throw new IllegalArgumentException("thread counts can't be negative");
        }
    }

    /** The defaults, as documented. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_ROOM, DEFAULT_MAX_LINE_BYTES, PER_CORE, PER_CORE);
    }

    /** This configuration listening on another address and port. */
    public ServerConfig withAddress(String newHost, int newPort) {
        return new ServerConfig(newHost, newPort, defaultRoom, maxLineBytes, ioThreads, dispatchThreads);
    }

    /** This configuration with another line limit. */
    public ServerConfig withMaxLineBytes(int newMaxLineBytes) {
        return new ServerConfig(host, port, defaultRoom, newMaxLineBytes, ioThreads, dispatchThreads);
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
}
