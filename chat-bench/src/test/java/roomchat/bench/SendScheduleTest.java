package roomchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fixed-rate senders' instants: together they coincide, staggered they take turns. No real run, no timing. */
class SendScheduleTest {

    private static final long START = 1_000_000_000L;
    private static final int RATE = 100;
    private static final int SENDERS = 5;
    private static final long PERIOD = TimeUnit.SECONDS.toNanos(1) / RATE;

    @Test
    void sendersStartingTogetherSendEveryLineAtTheSameInstant() {
        List<SendSchedule> schedules = schedules(Workload.Start.TOGETHER);

        for (int line = 0; line < 3; line++) {
            long first = schedules.get(0).instant(line);
            assertThat(first).isEqualTo(START + line * PERIOD);
            for (SendSchedule schedule : schedules) {
                assertThat(schedule.instant(line)).isEqualTo(first);
            }
        }
    }

    @Test
    void staggeredSendersTakeTurnsEvenlyThroughEachPeriod() {
        List<SendSchedule> schedules = schedules(Workload.Start.STAGGERED);

        for (int i = 0; i < SENDERS; i++) {
            assertThat(schedules.get(i).instant(0)).isEqualTo(START + PERIOD * i / SENDERS);
            assertThat(schedules.get(i).instant(1) - schedules.get(i).instant(0)).isEqualTo(PERIOD);
        }
    }

    @Test
    void theFirstDelayIsMeasuredFromWhenTheSenderStarts() {
        SendSchedule schedule = SendSchedule.of(Workload.Start.TOGETHER, START, RATE, 3, SENDERS);

        // Two senders picking their start up at different moments still send their first line at START.
        assertThat(START - 40 + schedule.initialDelay(START - 40)).isEqualTo(START);
        assertThat(START - 7 + schedule.initialDelay(START - 7)).isEqualTo(START);
        assertThat(schedule.initialDelay(START + 5)).isZero();
    }

    @Test
    void theSuitesSteadyStartsTogetherAndItsStaggeredTwinTakesTurns() {
        assertThat(Suite.steady(1).start()).isEqualTo(Workload.Start.TOGETHER);
        assertThat(Suite.steadyStaggered(1).start()).isEqualTo(Workload.Start.STAGGERED);
        assertThat(Suite.loadWorkloads(1)).extracting(Workload::name).contains("fan-out", "fan-out cold", "steady", "steady staggered");
        assertThat(Suite.steady(1).labelled("Redis pub/sub").start()).isEqualTo(Workload.Start.TOGETHER);
    }

    @Test
    void aWindowedSenderHasNoSchedule() {
        assertThatThrownBy(() -> SendSchedule.of(Workload.Start.TOGETHER, START, 0, 0, SENDERS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<SendSchedule> schedules(Workload.Start start) {
        List<SendSchedule> schedules = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            schedules.add(SendSchedule.of(start, START, RATE, i, SENDERS));
        }
        return schedules;
    }
}
