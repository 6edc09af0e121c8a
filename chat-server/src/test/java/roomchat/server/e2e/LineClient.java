package roomchat.server.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A user at nc: a plain socket that sends lines ending in a line feed and reads the server's lines
 * on a thread of its own, so a test can wait for what arrives.
 */
final class LineClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String PROMPT = "* choose a screen name (1-24 letters, digits, _ - or .)";
    /** Stands for the end of the stream in the queue of lines; compared by identity. */
    private static final String END = new String("<end of stream>");

    private final Socket socket;
    private final OutputStream out;
    /** Set instead of {@link #socket} for a client that speaks WebSocket. */
    private WebSocket webSocket;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** Lines that arrived while waiting for another one. */
    private final List<String> passed = new ArrayList<>();
    private final CountDownLatch reading;
    private boolean ended;

    private LineClient(Socket socket, boolean paused) throws IOException {
        this.socket = socket;
        this.out = socket == null ? null : socket.getOutputStream();
        this.reading = new CountDownLatch(paused ? 1 : 0);
        if (socket != null) {
            Thread reader = new Thread(this::readLines, "client-reader-" + socket.getLocalPort());
            reader.setDaemon(true);
            reader.start();
        }
    }

    static LineClient connect(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, (int) TIMEOUT.toMillis());
        return new LineClient(socket, false);
    }

    /** A user whose terminal is suspended, with the system's own receive buffer. */
    static LineClient connectPaused(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, (int) TIMEOUT.toMillis());
        return new LineClient(socket, true);
    }

    /** A user at another address: the socket's source is {@code local}, such as 127.0.0.2 (Linux routes 127/8). */
    static LineClient connectFrom(InetSocketAddress server, InetAddress local) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(server, (int) TIMEOUT.toMillis());
        return new LineClient(socket, false);
    }

    /** A user whose terminal is suspended: nothing is read from the socket until {@link #resume()}. */
    static LineClient connectPaused(InetSocketAddress server, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(server, (int) TIMEOUT.toMillis());
        return new LineClient(socket, true);
    }

    /**
     * A browser's way in: a WebSocket to {@code uri}, sending {@code origin} as a page would (null
     * for none). Each text frame received is one line; {@link #send} sends one line per frame.
     */
    static LineClient webSocket(URI uri, String origin) throws IOException, InterruptedException {
        return webSocket(uri, origin, List.of());
    }

    /**
     * As {@link #webSocket(URI, String)}, asking for {@code subprotocols} (Sec-WebSocket-Protocol);
     * {@link #subprotocol()} tells which the server chose.
     */
    static LineClient webSocket(URI uri, String origin, List<String> subprotocols) throws IOException, InterruptedException {
        LineClient client = new LineClient(null, false);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        try {
            client.webSocket = builder.buildAsync(uri, client.new FrameListener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no WebSocket to " + uri, e.getCause() == null ? e : e.getCause());
        }
        return client;
    }

    /** The subprotocol the server chose in the WebSocket handshake; empty when none. */
    String subprotocol() {
        return webSocket.getSubprotocol();
    }

    /** Collects text frames as lines; the close of the WebSocket is the end of the stream. */
    private final class FrameListener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            received.add(END);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            received.add(END);
        }
    }

    /** A client over a socket that is already connected, such as a TLS one. */
    static LineClient over(Socket connected) throws IOException {
        return new LineClient(connected, false);
    }

    /** Starts reading, for a client connected paused. */
    void resume() {
        reading.countDown();
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** Connects and claims {@code name}; returns once the user is in the default room. */
    static LineClient login(InetSocketAddress server, String name) throws IOException, InterruptedException {
        LineClient client = connect(server);
        try {
            return client.claim(name);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** Claims {@code name} on a fresh connection; returns once the user is in the default room. */
    LineClient claim(String name) throws IOException, InterruptedException {
        await(PROMPT);
        send(name);
        await(line -> line.startsWith("* you are in "), "the welcome");
        await("* type :h for help, :e to leave");
        return this;
    }

    void send(String line) throws IOException {
        if (webSocket != null) {
            try {
                webSocket.sendText(line, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException e) {
                throw new IOException("could not send over the WebSocket", e);
            }
            return;
        }
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Waits for this exact line; returns it. */
    String await(String expected) throws InterruptedException {
        return await(expected::equals, '"' + expected + '"');
    }

    /** Waits up to {@code within} for this exact line; returns it. */
    String await(String expected, Duration within) throws InterruptedException {
        return await(expected::equals, '"' + expected + '"', within);
    }

    /** Waits for the first line that matches, keeping the lines before it in {@link #passed()}. */
    String await(Predicate<String> wanted, String description) throws InterruptedException {
        return await(wanted, description, TIMEOUT);
    }

    /** As {@link #await(Predicate, String)}, for up to {@code within}. */
    String await(Predicate<String> wanted, String description, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String line = ended ? null : received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == END) {
                ended = true;
            }
            if (line == null || line == END) {
                throw new AssertionError("no " + description + (ended ? " before the end of the stream" : " within "
                        + within.toMillis() + " ms") + "; lines passed: " + passed);
            }
            if (wanted.test(line)) {
                return line;
            }
            passed.add(line);
        }
    }

    /**
     * Waits up to {@code within} in all until each of {@code lines} arrived, in any order, keeping
     * the others in {@link #passed()}; returns them in the order they came.
     */
    List<String> awaitAll(Duration within, String... lines) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Set<String> missing = new LinkedHashSet<>(List.of(lines));
        List<String> seen = new ArrayList<>();
        while (!missing.isEmpty()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            String line = await(missing::contains, "any of " + missing, left);
            missing.remove(line);
            seen.add(line);
        }
        return seen;
    }

    /** The next line, or null if none comes within {@code timeout}. */
    String poll(Duration timeout) throws InterruptedException {
        String line = received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == END) {
            ended = true;
            return null;
        }
        return line;
    }

    /** Forgets every line received so far. */
    void discardReceived() {
        received.removeIf(line -> line != END);
        passed.clear();
    }

    /** Waits for the server to close the connection, keeping the lines before the end in {@link #passed()}. */
    void awaitEnd() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!ended) {
            String line = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the connection is still open after " + TIMEOUT.toSeconds() + "s");
            }
            if (line == END) {
                ended = true;
            } else {
                passed.add(line);
            }
        }
    }

    /** The lines that arrived while waiting for others, since the last call. */
    List<String> passed() {
        List<String> lines = new ArrayList<>(passed);
        passed.clear();
        return lines;
    }

    @Override
    public void close() throws IOException {
        if (webSocket != null) {
            webSocket.abort();
        } else {
            socket.close();
        }
    }

    private void readLines() {
        try {
            reading.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                received.add(line);
            }
        } catch (IOException closed) {
            // The test closed the socket, or the server reset it: either way the stream ends here.
        }
        received.add(END);
    }
}
