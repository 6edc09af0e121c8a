package roomchat.bench;

/**
 * What a measurement runs against: one server on its own, or {@code nodes} nodes of one cluster
 * sharing a Redis started for them.
 *
 * @param nodes     how many server processes
 * @param clustered whether they are started with {@code --redis} (always so for more than one)
 */
record Topology(int nodes, boolean clustered) {

    Topology {
        if (nodes < 1) {
            throw new IllegalArgumentException("at least one node, not " + nodes);
        }
        if (nodes > 1 && !clustered) {
            throw new IllegalArgumentException("several nodes share their rooms through Redis: they are a cluster");
        }
    }

    /** Today's server: one process, no Redis. */
    static Topology single() {
        return new Topology(1, false);
    }

    /** {@code nodes} nodes on one Redis. */
    static Topology cluster(int nodes) {
        return new Topology(nodes, true);
    }

    /** A label for reports: "1 node" or "3 nodes + Redis". */
    String label() {
        return nodes + (nodes == 1 ? " node" : " nodes") + (clustered ? " + Redis" : "");
    }
}
