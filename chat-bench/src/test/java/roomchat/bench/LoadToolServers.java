package roomchat.bench;

import roomchat.server.ServerConfig;

/** The configuration of an in-process server that the load tool's smoke tests drive. */
final class LoadToolServers {

    private LoadToolServers() {
    }

    /** Loopback, free ports, no rate limit, and room for the test's connections from one address. */
    static ServerConfig config() {
        ServerConfig config = ServerConfig.defaults();
        config.host = "127.0.0.1";
        config.port = 0;
        config.httpPort = 0;
        config.ratePerSecond = 0;
        config.maxConnectionsPerIp = 1_000;
        return config;
    }
}
