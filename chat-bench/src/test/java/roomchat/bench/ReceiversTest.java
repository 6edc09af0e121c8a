package roomchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which listeners the kinds of receivers put on gRPC, and the table that compares the kinds. */
class ReceiversTest {

    @Test
    void sendersStayOnTcpAndMixedEndsOnTheProbe() {
        // A room of 8, 3 senders: members 0-2 send; of the listeners 3-7, mixed puts 7, 5 and 3 on gRPC.
        for (int i = 0; i < 8; i++) {
            assertThat(Receivers.TCP.overGrpc(i, 8, 3)).isFalse();
            assertThat(Receivers.GRPC.overGrpc(i, 8, 3)).isEqualTo(i >= 3);
            assertThat(Receivers.MIXED.overGrpc(i, 8, 3)).as("member %d", i).isEqualTo(i == 3 || i == 5 || i == 7);
        }
    }

    @Test
    void theTableGivesEachKindAndItsRatioToTheFirst() {
        Map<Receivers, Result> medians = new LinkedHashMap<>();
        medians.put(Receivers.TCP, result("fan-out [tcp receivers]", 2_000_000, 0.400, 4.0));
        medians.put(Receivers.GRPC, result("fan-out [grpc receivers]", 1_000_000, 1.000, 10.0));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ReceiverComparison.print(List.of(new ReceiverComparison.Comparison("fan-out", medians)), 3,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(table).startsWith("| workload | figure | tcp receivers | grpc receivers | grpc / tcp |");
        assertThat(table).contains("| fan-out | deliveries | 1000 / 1000 | 1000 / 1000 |  |");
        assertThat(table).contains("| fan-out | per second | 2000000 | 1000000 | 0.50 |");
        assertThat(table).contains("| fan-out | server CPU per delivery | 0.400 µs | 1.000 µs | 2.50 |");
        assertThat(table).contains("| fan-out | p99 | 4.00 ms | 10.00 ms | 2.50 |");
    }

    private static Result result(String name, double perSecond, double micros, double p99) {
        return new Result(name, 1000, 1000, 0, 1, perSecond, p99 / 2, p99, p99, p99, micros / 1000, 0.5, micros,
                1000L, List.of(), null, null);
    }
}
