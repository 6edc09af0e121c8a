package roomchat.server.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The clients a test opened against its server, all closed after it. */
final class Clients implements AutoCloseable {

    private final RunningServer server;
    private final List<LineClient> open = new ArrayList<>();

    Clients(RunningServer server) {
        this.server = server;
    }

    LineClient login(String name) throws IOException, InterruptedException {
        return connect().claim(name);
    }

    LineClient connect() throws IOException {
        return keep(LineClient.connect(server.address()));
    }

    /** A user connecting from another loopback address, {@code 127.0.0.<lastByte>}. */
    LineClient connectFrom(int lastByte) throws IOException {
        return keep(LineClient.connectFrom(server.address(), loopback(lastByte)));
    }

    LineClient loginFrom(int lastByte, String name) throws IOException, InterruptedException {
        return connectFrom(lastByte).claim(name);
    }

    static InetAddress loopback(int lastByte) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastByte});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    LineClient keep(LineClient client) {
        synchronized (open) {
            open.add(client);
        }
        return client;
    }

    /** A round trip that proves every line sent to {@code client} before it has arrived. */
    static void sync(LineClient client) throws IOException, InterruptedException {
        client.send(":cr nowhere-sync");
        client.await("! no room named nowhere-sync (create it with :n nowhere-sync)");
    }

    @Override
    public void close() throws IOException {
        synchronized (open) {
            for (LineClient client : open) {
                client.close();
            }
        }
    }
}
