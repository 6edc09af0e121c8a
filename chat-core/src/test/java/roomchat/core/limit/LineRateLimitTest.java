package roomchat.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static roomchat.core.limit.LineRateLimit.Verdict.ACCEPT;
import static roomchat.core.limit.LineRateLimit.Verdict.DISCONNECT;
import static roomchat.core.limit.LineRateLimit.Verdict.DROP;
import static roomchat.core.limit.LineRateLimit.Verdict.DROP_AND_WARN;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LineRateLimitTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long T0 = 1_000_000 * MS;

    private final LineRateLimit limit = new LineRateLimit(20, 40, 10_000 * MS, T0);

    @Test
    void aBurstPassesThenExcessIsDroppedWithOneWarning() {
        List<LineRateLimit.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            verdicts.add(limit.onLine(T0));
        }
        assertThat(verdicts.subList(0, 40)).containsOnly(ACCEPT);
        assertThat(verdicts.subList(40, 45)).containsExactly(DROP_AND_WARN, DROP, DROP, DROP, DROP);
    }

    @Test
    void tokensComeBackAtTheRate() {
        for (int i = 0; i < 40; i++) {
            limit.onLine(T0);
        }
        assertThat(limit.onLine(T0 + 49 * MS)).isEqualTo(DROP_AND_WARN);
        assertThat(limit.onLine(T0 + 50 * MS)).isEqualTo(ACCEPT);
    }

    @Test
    void atMostOneWarningASecond() {
        for (int i = 0; i < 40; i++) {
            limit.onLine(T0);
        }
        List<LineRateLimit.Verdict> verdicts = new ArrayList<>();
        for (long t = T0; t < T0 + 3_000 * MS; t += 10 * MS) {
            verdicts.add(limit.onLine(t));
        }
        assertThat(verdicts).filteredOn(DROP_AND_WARN::equals).hasSize(3);
        assertThat(verdicts).filteredOn(ACCEPT::equals).hasSizeBetween(58, 61);
    }

    @Test
    void floodingForTheTimeoutDisconnects() {
        LineRateLimit.Verdict last = ACCEPT;
        long t = T0;
        for (; last != DISCONNECT && t < T0 + 20_000 * MS; t += MS) {
            last = limit.onLine(t);
        }
        assertThat(last).isEqualTo(DISCONNECT);
        assertThat(t - T0).isBetween(10_000 * MS, 10_100 * MS);
    }

    @Test
    void aPauseOfASecondEndsTheFlood() {
        for (int i = 0; i < 41; i++) {
            limit.onLine(T0);
        }
        long t = T0;
        for (int round = 0; round < 20; round++) {
            t += 1_000 * MS;
            for (int i = 0; i < 21; i++) {
                assertThat(limit.onLine(t)).isNotEqualTo(DISCONNECT);
            }
        }
    }
}
