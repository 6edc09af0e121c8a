package roomchat.bench;

import java.time.Duration;

/**
 * One load shape: how many rooms and clients, who sends, how much and how fast.
 *
 * @param name           a label for reports
 * @param rooms          rooms, each with the same clients and senders
 * @param clientsPerRoom clients in each room, senders included (every client receives)
 * @param sendersPerRoom clients in each room that also send (fewer than all: the room's last client, a probe, only listens)
 * @param linesPerSender lines each sender sends in the measured phase
 * @param ratePerSender  lines per second per sender; 0 sends as fast as the window allows
 * @param window         lines a sender may have on their way (not yet seen by its room's probe)
 * @param warmupLines    lines each sender sends first, not measured, so the server's JIT warms up
 * @param timeLimit      the most the measured phase may take
 * @param start          at a fixed rate, how the senders' clocks line up (windowed senders all start at once)
 */
public record Workload(String name, int rooms, int clientsPerRoom, int sendersPerRoom, int linesPerSender,
                       int ratePerSender, int window, int warmupLines, Duration timeLimit, Start start) {

    /** How fixed-rate senders' clocks line up. */
    public enum Start {
        /** Every sender's clock starts at the same instant: each period, one line from every sender at once. */
        TOGETHER,
        /** Sender i of n starts i/n of a period late: the senders take turns evenly through each period. */
        STAGGERED
    }

    public Workload {
        if (rooms < 1 || clientsPerRoom < 2 || sendersPerRoom < 1 || sendersPerRoom >= clientsPerRoom
                || linesPerSender < 1 || ratePerSender < 0 || window < 1 || warmupLines < 0 || start == null) {
            throw new IllegalArgumentException("not a workload: " + this);
        }
    }

    /** A workload whose fixed-rate senders (if any) start together. */
    public Workload(String name, int rooms, int clientsPerRoom, int sendersPerRoom, int linesPerSender,
                    int ratePerSender, int window, int warmupLines, Duration timeLimit) {
        this(name, rooms, clientsPerRoom, sendersPerRoom, linesPerSender, ratePerSender, window, warmupLines,
                timeLimit, Start.TOGETHER);
    }

    /** The same workload, its name saying what it runs on when that is a cluster: {@code fan-out [3 nodes + Redis]}. */
    Workload on(Topology topology) {
        if (!topology.clustered()) {
            return this;
        }
        return labelled(topology.label());
    }

    /** Deliveries the measured phase must make: each line reaches everyone else in its room. */
    public long expectedDeliveries() {
        return expectedDeliveries(false);
    }

    /**
     * Deliveries the measured phase must make when a sender's lines also reach its own member
     * ({@code echoes}, as on Redis pub/sub, where the publisher is a connection of its own) or not.
     */
    public long expectedDeliveries(boolean echoes) {
        return (long) rooms * sendersPerRoom * linesPerSender * (clientsPerRoom - (echoes ? 0 : 1));
    }

    /** The same workload, its name saying what it ran on: {@code fan-out [Redis pub/sub]}. */
    Workload labelled(String label) {
        return new Workload(name + " [" + label + "]", rooms, clientsPerRoom, sendersPerRoom, linesPerSender,
                ratePerSender, window, warmupLines, timeLimit, start);
    }
}
