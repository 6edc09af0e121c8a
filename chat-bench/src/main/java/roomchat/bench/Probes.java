package roomchat.bench;

import java.util.List;

/**
 * The server-side processes a load run measures: each node's, in node order, and the cluster's Redis
 * (null without one). No nodes: nothing is measured (a server the tool did not start, its pid not given).
 *
 * @param nodes one probe per node, in the order of the nodes' addresses
 * @param redis Redis's probe, or null
 */
record Probes(List<ProcessProbe> nodes, ProcessProbe redis) {

    Probes {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty() && redis != null) {
            throw new IllegalArgumentException("Redis is measured only together with its nodes");
        }
    }

    /** Nothing measured. */
    static Probes none() {
        return new Probes(List.of(), null);
    }

    /** One server's process. */
    static Probes of(ProcessProbe server) {
        return server == null ? none() : new Probes(List.of(server), null);
    }

    boolean measured() {
        return !nodes.isEmpty();
    }
}
