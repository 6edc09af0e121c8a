package roomchat.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GuessThrottleTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private final GuessThrottle throttle = new GuessThrottle();

    @Test
    void eachWrongGuessDoublesTheWaitUpToTheMaximum() {
        long now = 1_000 * S;
        assertThat(secondsToWait(now)).isZero();
        throttle.wrong(now);
        assertThat(secondsToWait(now)).isEqualTo(1);
        assertThat(secondsToWait(now + S)).isZero();
        throttle.wrong(now + S);
        assertThat(secondsToWait(now + S)).isEqualTo(2);
        for (int i = 0; i < 10; i++) {
            throttle.wrong(now);
        }
        assertThat(secondsToWait(now)).isEqualTo(GuessThrottle.MAX_DELAY_SECONDS);
    }

    @Test
    void theCountIsForgottenAfterAQuietWhile() {
        for (int i = 0; i < 5; i++) {
            throttle.wrong(0);
        }
        long later = (GuessThrottle.FORGET_AFTER_SECONDS + 1) * S;
        assertThat(secondsToWait(later)).isZero();
        throttle.wrong(later);
        assertThat(secondsToWait(later)).isEqualTo(1);
    }

    private long secondsToWait(long now) {
        return GuessLedger.wholeSeconds(throttle.nanosToWait(now));
    }
}
