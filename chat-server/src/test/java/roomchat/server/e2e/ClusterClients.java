package roomchat.server.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** The clients a cluster test opened, on whichever node, all closed after it. */
final class ClusterClients implements AutoCloseable {

    private final List<LineClient> open = new ArrayList<>();

    /** A user at an nc terminal connected to {@code node}. */
    LineClient connect(InetSocketAddress node) throws IOException {
        return keep(LineClient.connect(node));
    }

    /** A user who connected to {@code node} and claimed {@code name}. */
    LineClient login(InetSocketAddress node, String name) throws IOException, InterruptedException {
        return connect(node).claim(name);
    }

    /** Closes {@code client} after the test, with the others. */
    LineClient keep(LineClient client) {
        synchronized (open) {
            open.add(client);
        }
        return client;
    }

    @Override
    public void close() throws IOException {
        synchronized (open) {
            for (LineClient client : open) {
                client.close();
            }
            open.clear();
        }
    }
}
