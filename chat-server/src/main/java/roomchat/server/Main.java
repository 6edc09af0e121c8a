package roomchat.server;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code java -jar chat-server.jar [flags]}: starts a chat server and runs until SIGTERM or Ctrl-C,
 * then shuts down gracefully and exits 0. A bad flag prints one line and exits 2; a failed start
 * (a port in use, a TLS file that can't be used) prints one line and exits 1.
 */
@Command(name = "chat-server", mixinStandardHelpOptions = true, sortOptions = false,
        version = "roomchat 0.1.0",
        description = "A multi-room chat server: connect with `nc HOST PORT`, pick a screen name, chat.")
public final class Main implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Main.class);
    /** Starts each line an operator gets instead of a stack trace. */
    private static final String ERROR_PREFIX = "roomchat: ";

    @Mixin
    private ServerConfig config = new ServerConfig();

    /**
     * With {@code java.nio} opened to it (the jar's manifest does that), Netty allocates direct memory
     * itself and counts it against the limit, so a failed allocation throws at once; otherwise the JDK's
     * allocator would make an event loop wait, collect garbage and retry while the memory is short.
     */
    private static final String NETTY_DIRECT_WITHOUT_CLEANER = "io.netty.tryReflectionSetAccessible";

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty(NETTY_DIRECT_WITHOUT_CLEANER) == null) {
            System.setProperty(NETTY_DIRECT_WITHOUT_CLEANER, "true");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line, reporting a bad flag or a failed start as one line rather than a stack trace. */
    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setParameterExceptionHandler(Main::badFlag)
                .setExecutionExceptionHandler(Main::failedStart);
    }

    private static int badFlag(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        commandLine.getErr().println(ERROR_PREFIX + e.getMessage());
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failedStart(Exception e, CommandLine commandLine, ParseResult parsed) throws Exception {
        if (!(e instanceof StartupException)) {
            throw e; // a bug, not the operator's doing: picocli prints its stack trace
        }
        commandLine.getErr().println(ERROR_PREFIX + e.getMessage());
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    @Override
    public Integer call() throws Exception {
        try {
            config.validate();
        } catch (IllegalArgumentException e) {
            // A value picocli could parse but the server can't use is a usage error all the same.
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ChatServer server = new ChatServer(config);
        InetSocketAddress address = server.start();
        // Handled here rather than in a shutdown hook, so that the goodbye is sent and the exit code is 0.
        Signal.handle(new Signal("TERM"), signal -> stop(server, signal));
        Signal.handle(new Signal("INT"), signal -> stop(server, signal));
        log.info("roomchat listening on {} ({}), default room {}", address, server.transportName(), config.defaultRoom);
        if (server.tlsAddress() != null) {
            log.info("roomchat listening for TLS on {}", server.tlsAddress());
        }
        if (server.httpAddress() != null) {
            log.info("roomchat serving the web page on http://{}:{}/", address.getHostString(), server.httpAddress().getPort());
        }
        if (server.grpcAddress() != null) {
            log.info("roomchat gRPC door on {}{}", server.grpcAddress(), server.tlsAddress() != null ? " (TLS)" : "");
        }
        server.awaitClosed();
        log.info("roomchat stopped");
        return 0;
    }

    private static void stop(ChatServer server, Signal signal) {
        log.info("SIG{} received: shutting down", signal.getName());
        new Thread(server::close, "shutdown").start();
    }
}
