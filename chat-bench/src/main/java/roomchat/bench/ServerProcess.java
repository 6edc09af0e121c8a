package roomchat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A chat server started as a process of its own, for one workload of the suite, and stopped after it. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("roomchat listening on /127\\.0\\.0\\.1:(\\d+) ");

    private final Process process;
    private final InetSocketAddress address;
    private final InetSocketAddress grpcAddress;

    private ServerProcess(Process process, InetSocketAddress address, InetSocketAddress grpcAddress) {
        this.process = process;
        this.address = address;
        this.grpcAddress = grpcAddress;
    }

    /**
     * Starts {@code builder}'s command (a server, its output merged) and waits until it listens;
     * {@code grpcAddress} is where the command puts its gRPC door, or null when it is off.
     */
    static ServerProcess start(ProcessBuilder builder, InetSocketAddress grpcAddress) throws IOException {
        Process process = builder.start();
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                drain(log);
                return new ServerProcess(process, new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1))),
                        grpcAddress);
            }
        }
        throw new IOException("the server exited without listening: " + String.join(" ", builder.command()));
    }

    /** Keeps reading the server's log so that it never blocks on a full pipe. */
    private static void drain(BufferedReader log) {
        Thread drainer = new Thread(() -> {
            try {
                while (log.readLine() != null) {
                    // The server's log is not needed here.
                }
            } catch (IOException ended) {
                // The server is gone.
            }
        }, "server-log");
        drainer.setDaemon(true);
        drainer.start();
    }

    InetSocketAddress address() {
        return address;
    }

    /** Its gRPC door's address, or null when the door is off. */
    InetSocketAddress grpcAddress() {
        return grpcAddress;
    }

    ProcessProbe probe() {
        return new ProcessProbe(process.pid());
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
