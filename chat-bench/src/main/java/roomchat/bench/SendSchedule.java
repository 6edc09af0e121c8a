package roomchat.bench;

import java.util.concurrent.TimeUnit;

/**
 * When a fixed-rate sender's lines go: line {@code k} at {@code firstNanos + k * periodNanos}, on
 * {@link System#nanoTime()}'s clock. Every sender of a phase is given the same start instant, so how
 * their clocks line up is decided here, not by when each sender's event loop happens to pick up its
 * start: {@link Workload.Start#TOGETHER} gives every sender the same instants (bursts of one line per
 * sender at once, as the harness sends them), {@link Workload.Start#STAGGERED} shifts sender
 * {@code i} of {@code n} by {@code i/n} of a period (senders taking turns).
 *
 * @param firstNanos  when the first line goes
 * @param periodNanos time between two lines
 */
record SendSchedule(long firstNanos, long periodNanos) {

    /** Sender {@code sender} of {@code senders}, sending {@code ratePerSecond} lines a second from {@code startNanos}. */
    static SendSchedule of(Workload.Start start, long startNanos, int ratePerSecond, int sender, int senders) {
        if (ratePerSecond < 1 || sender < 0 || sender >= senders) {
            throw new IllegalArgumentException("no schedule for sender " + sender + " of " + senders + " at "
                    + ratePerSecond + "/s");
        }
        long period = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        long shift = start == Workload.Start.STAGGERED ? period * sender / senders : 0;
        return new SendSchedule(startNanos + shift, period);
    }

    /** When line {@code line} (from 0) goes. */
    long instant(int line) {
        return firstNanos + line * periodNanos;
    }

    /** How long from {@code nowNanos} until the first line; 0 if that is already past. */
    long initialDelay(long nowNanos) {
        return Math.max(0, firstNanos - nowNanos);
    }
}
