package roomchat.server.e2e;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import roomchat.server.ChatServer;
import roomchat.server.ServerConfig;

/** A fresh server on a free loopback port for each test, closed after it. */
final class RunningServer implements BeforeEachCallback, AfterEachCallback {

    private final ServerConfig config;
    private ChatServer server;
    private InetSocketAddress address;

    RunningServer() {
        this(ServerConfig.defaults());
    }

    RunningServer(ServerConfig config) {
        this.config = config.withAddress("127.0.0.1", 0);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws InterruptedException {
        server = new ChatServer(config);
        address = server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    InetSocketAddress address() {
        return address;
    }

    ChatServer server() {
        return server;
    }
}
