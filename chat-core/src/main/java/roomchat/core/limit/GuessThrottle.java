package roomchat.core.limit;

import java.util.concurrent.TimeUnit;

/**
 * The rule for one guesser of one password: after the n-th wrong guess, the next guess must wait
 * 2^(n-1) seconds, at most {@link #MAX_DELAY_SECONDS}. The count is forgotten only after
 * {@link #FORGET_AFTER_SECONDS} without a wrong guess, not on a right one, so that guessing cannot
 * be sped up by entering the room with a password one knows in between.
 *
 * <p>Not thread-safe: a {@link GuessLedger} keeps one for each address and room, under its lock.
 * Times are {@link System#nanoTime()} readings.
 */
public final class GuessThrottle {

    /** The longest wait between two guesses. */
    public static final long MAX_DELAY_SECONDS = 30;

    /** How long after its last wrong guess a member's count is forgotten. */
    public static final long FORGET_AFTER_SECONDS = 600;

    private int failures;
    private long lastWrongAt;
    private long nextGuessAt;
    private boolean waiting;

    /** How many nanoseconds until a guess may be made at {@code now}; 0 when it may. */
    public long nanosToWait(long now) {
        return !waiting || now - nextGuessAt >= 0 ? 0 : nextGuessAt - now;
    }

    /** Whether a wrong guess is still remembered at {@code now}. */
    public boolean remembers(long now) {
        return waiting && now - lastWrongAt <= TimeUnit.SECONDS.toNanos(FORGET_AFTER_SECONDS);
    }

    /** Records a wrong guess made at {@code now}. */
    public void wrong(long now) {
        if (waiting && now - lastWrongAt > TimeUnit.SECONDS.toNanos(FORGET_AFTER_SECONDS)) {
            failures = 0;
        }
        lastWrongAt = now;
        failures++;
        long delaySeconds = Math.min(MAX_DELAY_SECONDS, 1L << Math.min(failures - 1, 30));
        nextGuessAt = now + TimeUnit.SECONDS.toNanos(delaySeconds);
        waiting = true;
    }
}
