package roomchat.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of Redis that can make the subscriptions passing through it deaf without
 * closing anything: after {@link #deafen}, what Redis sends to the connections that subscribed so
 * far is dropped, as a half-open connection would. Threads: one accepting, two per connection.
 */
final class DeafeningProxy implements AutoCloseable {

    private static final byte[] SUBSCRIBE = "SUBSCRIBE".getBytes(StandardCharsets.US_ASCII);

    /** One proxied connection. */
    private static final class Pair {
        final Socket client;
        final Socket server;
        volatile boolean subscriber;
        volatile boolean deaf;

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }
    }

    private final ServerSocket listener;
    private final int redisPort;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();

    DeafeningProxy(int redisPort) throws IOException {
        this.redisPort = redisPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread(this::accept);
    }

    String uri() {
        return "redis://127.0.0.1:" + listener.getLocalPort();
    }

    /** From now on, drops what Redis sends to every connection that has subscribed. */
    void deafen() {
        pairs.stream().filter(pair -> pair.subscriber).forEach(pair -> pair.deaf = true);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), redisPort));
                Pair pair = new Pair(client, server);
                pairs.add(pair);
                thread(() -> pump(pair, true));
                thread(() -> pump(pair, false));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pump(Pair pair, boolean upstream) {
        byte[] buffer = new byte[8192];
        try (InputStream in = (upstream ? pair.client : pair.server).getInputStream();
                OutputStream out = (upstream ? pair.server : pair.client).getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (upstream && contains(buffer, read, SUBSCRIBE)) {
                    pair.subscriber = true;
                }
                if (upstream || !pair.deaf) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException closed) {
            // Either side went away: so does the other.
        } finally {
            closeQuietly(pair.client);
            closeQuietly(pair.server);
        }
    }

    private static boolean contains(byte[] buffer, int length, byte[] word) {
        outer:
        for (int i = 0; i + word.length <= length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (buffer[i + j] != word[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void thread(Runnable task) {
        Thread thread = new Thread(task, "deafening-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        pairs.forEach(pair -> {
            closeQuietly(pair.client);
            closeQuietly(pair.server);
        });
    }
}
