package roomchat.history;

import java.time.Duration;

/**
 * How much of each room's history the file keeps: its last {@code linesPerRoom} lines, none older
 * than {@code maxAge}.
 */
public record Retention(int linesPerRoom, Duration maxAge) {

    public Retention {
        if (linesPerRoom < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("a retention keeps at least one line for some time");
        }
    }
}
