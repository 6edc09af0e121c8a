package roomchat.core.limit;

import java.util.concurrent.TimeUnit;

/**
 * Slows down repeated wrong password guesses: after the n-th wrong guess in a row, the next guess
 * must wait 2^(n-1) seconds, at most {@link #MAX_DELAY_SECONDS}. A right guess starts over.
 *
 * <p>Not thread-safe: one member's event loop owns it. Times are {@link System#nanoTime()} readings.
 */
public final class GuessThrottle {

    /** The longest wait between two guesses. */
    public static final long MAX_DELAY_SECONDS = 30;

    private int failures;
    private long nextGuessAt;
    private boolean waiting;

    /** How many whole seconds (rounded up) until a guess may be made at {@code now}; 0 when it may. */
    public long secondsToWait(long now) {
        if (!waiting || now - nextGuessAt >= 0) {
            return 0;
        }
        long nanos = nextGuessAt - now;
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    /** Records a wrong guess made at {@code now}. */
    public void wrong(long now) {
        failures++;
        long delaySeconds = Math.min(MAX_DELAY_SECONDS, 1L << Math.min(failures - 1, 30));
        nextGuessAt = now + TimeUnit.SECONDS.toNanos(delaySeconds);
        waiting = true;
    }

    /** Records a right guess. */
    public void right() {
        failures = 0;
        waiting = false;
    }
}
