package roomchat.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts servers the way users do, through the project's start script (so that what is measured
 * carries the script's JVM flags), on the tool's own JVM, listening on a free loopback port. The gRPC
 * door is off unless asked for: its default port is fixed (8082), which several servers on one machine
 * (a cluster's nodes) can't share, and the TCP figures are measured without it, as before it existed.
 *
 * @param script   the start script
 * @param jvmFlags    JVM flags in place of the script's own, or null to keep them
 * @param serverFlags flags every server gets after the tool's own (such as {@code --history-db FILE})
 */
record ServerLauncher(Path script, String jvmFlags, List<String> serverFlags) {

    ServerLauncher(Path script, String jvmFlags) {
        this(script, jvmFlags, List.of());
    }

    /** Starts a server with its gRPC door off. */
    ServerProcess start(List<String> serverArgs) throws IOException {
        return start(serverArgs, 0);
    }

    /**
     * Starts a server; with {@code grpcCallsPerConnection} above 0 its gRPC door listens on a free
     * loopback port and lets each HTTP/2 connection have that many calls at once.
     */
    ServerProcess start(List<String> serverArgs, int grpcCallsPerConnection) throws IOException {
        List<String> command = new ArrayList<>(List.of(script.toString(),
                "--host", "127.0.0.1", "--port", "0", "--http-port", "0"));
        InetSocketAddress grpc = null;
        if (grpcCallsPerConnection > 0) {
            grpc = new InetSocketAddress("127.0.0.1", freeLoopbackPort());
            command.addAll(List.of("--grpc-port", String.valueOf(grpc.getPort()),
                    "--grpc-max-calls-per-connection", String.valueOf(grpcCallsPerConnection)));
        } else {
            command.addAll(List.of("--grpc-port", "0"));
        }
        command.addAll(serverArgs);
        command.addAll(serverFlags);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (jvmFlags != null) {
            builder.environment().put("JAVA_OPTS", jvmFlags);
        }
        return ServerProcess.start(builder, grpc);
    }

    /**
     * A loopback port free just now. The server does not log where its gRPC door listens when given
     * any free port, so the tool picks one and names it; another process could take it in between,
     * and the server then fails to start, saying so.
     */
    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
