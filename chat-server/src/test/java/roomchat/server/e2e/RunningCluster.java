package roomchat.server.e2e;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import roomchat.redis.RedisProcess;
import roomchat.server.ChatServer;
import roomchat.server.ServerConfig;

/**
 * A real {@code redis-server} on a free loopback port and several nodes of one cluster on it, each a
 * {@link ChatServer} in this process on free loopback ports, for each test; all stopped after it.
 */
final class RunningCluster implements BeforeEachCallback, AfterEachCallback {

    private final int size;
    private final Consumer<ServerConfig> settings;
    private RedisProcess redis;
    private final List<ChatServer> nodes = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();

    /** {@code size} nodes with the documented defaults as changed by {@code settings}. */
    RunningCluster(int size, Consumer<ServerConfig> settings) {
        this.size = size;
        this.settings = settings;
    }

    RunningCluster(int size) {
        this(size, config -> { });
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        redis = RedisProcess.launch();
        for (int i = 0; i < size; i++) {
            ChatServer node = new ChatServer(config("node" + i));
            nodes.add(node);
            addresses.add(node.start());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        nodes.forEach(ChatServer::close);
        nodes.clear();
        addresses.clear();
        if (redis != null) {
            redis.close();
        }
    }

    /** A node's configuration: this cluster's Redis, free loopback ports, the settings given. */
    ServerConfig config(String nodeId) {
        ServerConfig config = ServerConfig.defaults();
        config.host = "127.0.0.1";
        config.port = 0;
        config.tlsPort = 0;
        config.httpPort = ServerConfig.ANY_FREE_PORT;
        config.grpcPort = 0;
        config.redis = redis.uri();
        config.nodeId = nodeId;
        settings.accept(config);
        return config;
    }

    /** The address of node {@code index}'s TCP listener. */
    InetSocketAddress address(int index) {
        return addresses.get(index);
    }

    /** Node {@code index}. */
    ChatServer node(int index) {
        return nodes.get(index);
    }

    /** The cluster's Redis. */
    RedisProcess redis() {
        return redis;
    }

    /**
     * Empties Redis, then restarts it: its append-only file replays the FLUSHALL, so it comes back
     * empty, as a Redis restarted without its data would. Every node then lets its members go.
     */
    void restartRedisEmpty() {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushall();
        } finally {
            client.shutdown();
        }
        redis.stop();
        redis.start();
    }
}
