package roomchat.server.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import roomchat.server.Main;

/**
 * A server in a process of its own, started from the test class path with the bundled logging, so
 * that a test can give it JVM flags, signal it and watch it exit. Its log is read for the ports it
 * listens on, then drained so that it never waits on a full pipe.
 */
final class ChildServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("roomchat listening on /127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern SERVING = Pattern.compile("serving the web page on http://127\\.0\\.0\\.1:(\\d+)/");


    private final Process process;
    private final int port;
    private final int httpPort;

    private ChildServer(Process process, int port, int httpPort) {
        this.process = process;
        this.port = port;
        this.httpPort = httpPort;
    }

    /**
     * Starts {@code Main} on 127.0.0.1 with free ports (HTTP too when {@code withHttp}), these JVM
     * flags and these server flags; returns once it listens.
     */
    static ChildServer start(List<String> jvmFlags, boolean withHttp, String... serverFlags) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
                Main.class.getName(), "--host", "127.0.0.1", "--port", "0", "--http-port", withHttp ? "-1" : "0", "--grpc-port", "0"));
        command.addAll(List.of(serverFlags));
        return launch(new ProcessBuilder(command), withHttp);
    }

    private static ChildServer launch(ProcessBuilder builder, boolean withHttp) throws IOException {
        Process process = builder.redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = awaitPort(log, LISTENING);
            int httpPort = withHttp ? awaitPort(log, SERVING) : 0;
            drain(log);
            return new ChildServer(process, port, httpPort);
        } catch (IOException | RuntimeException | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    int httpPort() {
        return httpPort;
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static int awaitPort(BufferedReader log, Pattern said) throws IOException {
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            Matcher m = said.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the server ended without saying " + said);
    }

    private static void drain(BufferedReader log) {
        Thread reader = new Thread(() -> {
            try {
                while (log.readLine() != null) {
                    // discarded
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "server-log");
        reader.setDaemon(true);
        reader.start();
    }
}
