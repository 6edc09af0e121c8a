package roomchat.bench;

import java.util.Arrays;

/**
 * What one receiving client saw in the measured phase: how many lines, whether each sender's came
 * in order with none missing, and how long each took. Confined to the client's event loop.
 */
final class Tally {

    private final int[] nextSeq;
    private long[] latenciesNanos = new long[1024];
    private int received;
    private int outOfOrder;

    Tally(int senders) {
        this.nextSeq = new int[senders];
    }

    void record(int sender, int seq, long latencyNanos) {
        if (seq != nextSeq[sender]) {
            outOfOrder++;
        }
        nextSeq[sender] = seq + 1;
        if (received == latenciesNanos.length) {
            latenciesNanos = Arrays.copyOf(latenciesNanos, received * 2);
        }
        latenciesNanos[received++] = latencyNanos;
    }

    int received() {
        return received;
    }

    int outOfOrder() {
        return outOfOrder;
    }

    long[] latencies() {
        return Arrays.copyOf(latenciesNanos, received);
    }
}
