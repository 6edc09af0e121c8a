package roomchat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import roomchat.redis.RedisProcess;

/**
 * The server processes of one measurement, started for it and stopped after it: one server, or the
 * nodes of a cluster ({@code --redis URI --node-id node<i>}) on a Redis of their own, so that every
 * run starts from empty rooms and names. Not thread-safe: the measuring thread starts and closes it.
 */
final class Servers implements AutoCloseable {

    private final RedisProcess redis;
    private final List<ServerProcess> nodes = new ArrayList<>();

    private Servers(RedisProcess redis) {
        this.redis = redis;
    }

    /** Starts {@code topology}'s processes, each server with {@code serverArgs}, and returns once all listen. */
    static Servers start(ServerLauncher launcher, Topology topology, List<String> serverArgs) throws Exception {
        return start(launcher, topology, serverArgs, 0);
    }

    /**
     * As {@link #start(ServerLauncher, Topology, List)}, each server's gRPC door on (on a free port, that
     * many calls per HTTP/2 connection) when {@code grpcCallsPerConnection} is above 0.
     */
    static Servers start(ServerLauncher launcher, Topology topology, List<String> serverArgs, int grpcCallsPerConnection)
            throws Exception {
        Servers servers = new Servers(topology.clustered() ? RedisProcess.launch() : null);
        try {
            for (int i = 0; i < topology.nodes(); i++) {
                List<String> args = new ArrayList<>(serverArgs);
                if (servers.redis != null) {
                    args.addAll(List.of("--redis", servers.redis.uri(), "--node-id", nodeName(i)));
                }
                servers.nodes.add(launcher.start(args, grpcCallsPerConnection));
            }
            return servers;
        } catch (IOException | RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    /** Node {@code index}'s id in the cluster, and its name in reports. */
    static String nodeName(int index) {
        return "node" + index;
    }

    /** Every node's address, in node order: clients are spread over them round robin. */
    List<InetSocketAddress> addresses() {
        return nodes.stream().map(ServerProcess::address).toList();
    }

    /** Every node's gRPC door, in node order; empty when the doors are off. */
    List<InetSocketAddress> grpcAddresses() {
        return nodes.stream().map(ServerProcess::grpcAddress).filter(Objects::nonNull).toList();
    }

    /** Node {@code index}'s process. */
    ServerProcess node(int index) {
        return nodes.get(index);
    }

    /** What a load run reads the processes' CPU and memory from. */
    Probes probes() {
        return new Probes(nodes.stream().map(ServerProcess::probe).toList(),
                redis == null ? null : new ProcessProbe(redis.pid()));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            for (ServerProcess node : nodes) {
                node.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }
}
