package roomchat.server;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar chat-server.jar [flags]}: starts a chat server and runs until it is stopped. */
@Command(name = "chat-server", mixinStandardHelpOptions = true, sortOptions = false,
        version = "roomchat 0.1.0",
        description = "A multi-room chat server: connect with `nc HOST PORT`, pick a screen name, chat.")
public final class Main implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "TCP port for nc users; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--default-room", defaultValue = ServerConfig.DEFAULT_ROOM,
            description = "The room every user enters first (default: ${DEFAULT-VALUE}).")
    private String defaultRoom;

    @Option(names = "--max-line", defaultValue = "" + ServerConfig.DEFAULT_MAX_LINE_BYTES,
            description = "Longest line a user may send, in bytes (default: ${DEFAULT-VALUE}).")
    private int maxLineBytes;

    @Option(names = "--io-threads", defaultValue = "" + ServerConfig.PER_CORE,
            description = "Event-loop threads for connections; 0 = one per core (default: ${DEFAULT-VALUE}).")
    private int ioThreads;

    @Option(names = "--dispatch-threads", defaultValue = "" + ServerConfig.PER_CORE,
            description = "Threads that deliver room messages; 0 = one per core (default: ${DEFAULT-VALUE}).")
    private int dispatchThreads;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = new ServerConfig(host, port, defaultRoom, maxLineBytes, ioThreads, dispatchThreads);
        ChatServer server = new ChatServer(config);
        InetSocketAddress address = server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        log.info("roomchat listening on {} ({}), default room {}", address, server.transportName(), defaultRoom);
        server.closeFuture().sync();
        return 0;
    }
}
