package roomchat.core.limit;

import java.util.concurrent.TimeUnit;

/**
 * The flood rule for one connection: a token bucket of lines ({@code ratePerSecond} on average,
 * {@code burst} at once), at most one warning a second while lines are dropped, and a disconnect
 * once dropping has gone on for {@code floodTimeout}. Dropping "goes on" until a whole second
 * passes without a drop.
 *
 * <p>Not thread-safe: one connection's event loop owns it. Times are {@link System#nanoTime()}
 * readings passed in, so that tests can choose them.
 */
public final class LineRateLimit {

    /** What to do with one line. */
    public enum Verdict {
        /** Pass it on. */
        ACCEPT,
        /** Drop it silently; the sender was warned less than a second ago. */
        DROP,
        /** Drop it and warn the sender. */
        DROP_AND_WARN,
        /** Drop it and disconnect the sender. */
        DISCONNECT
    }

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final double tokensPerNano;
    private final double capacity;
    private final long floodTimeoutNanos;
    private double tokens;
    private long lastRefill;
    private long floodStart;
    private long lastDrop;
    private long lastWarning;
    private boolean flooding;

    /** A full bucket at {@code now}. {@code ratePerSecond} is positive; {@code burst} at least 1. */
    public LineRateLimit(int ratePerSecond, int burst, long floodTimeoutNanos, long now) {
        this.tokensPerNano = ratePerSecond / (double) SECOND;
        this.capacity = burst;
        this.floodTimeoutNanos = floodTimeoutNanos;
        this.tokens = burst;
        this.lastRefill = now;
    }

    /** The verdict on a line that arrives at {@code now}. */
    public Verdict onLine(long now) {
        tokens = Math.min(capacity, tokens + (now - lastRefill) * tokensPerNano);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ACCEPT;
        }
        if (!flooding || now - lastDrop >= SECOND) {
            flooding = true;
            floodStart = now;
            lastWarning = now - SECOND;
        }
        lastDrop = now;
        if (now - floodStart >= floodTimeoutNanos) {
            return Verdict.DISCONNECT;
        }
        if (now - lastWarning >= SECOND) {
            lastWarning = now;
            return Verdict.DROP_AND_WARN;
        }
        return Verdict.DROP;
    }
}
