package roomchat.bench;

import roomchat.server.ServerConfig;

/** The configuration of an in-process server that the load tool's smoke tests drive. */
final class LoadToolServers {

    private LoadToolServers() {
    }

    /**
     * Loopback, free ports, no rate limit, and room for the test's connections from one address; the
     * gRPC door off (its default port is fixed, and tests run side by side).
     */
    static ServerConfig config() {
        ServerConfig config = ServerConfig.defaults();
        config.host = "127.0.0.1";
        config.port = 0;
        config.httpPort = 0;
        config.grpcPort = 0;
        config.ratePerSecond = 0;
        config.maxConnectionsPerIp = 1_000;
        return config;
    }

    /** As {@link #config()}, with the gRPC door on a free port. */
    static ServerConfig withGrpc() {
        ServerConfig config = config();
        config.grpcPort = ServerConfig.ANY_FREE_PORT;
        return config;
    }
}
