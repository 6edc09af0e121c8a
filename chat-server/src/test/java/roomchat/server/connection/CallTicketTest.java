package roomchat.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Calls admitted by address share the channels' counts: refused over a limit, their place held until released once. */
class CallTicketTest {

    private static final InetAddress ONE = InetAddress.getLoopbackAddress();
    private static final InetAddress OTHER = address(192, 0, 2, 7);

    private final ConnectionTracker tracker = new ConnectionTracker(3, 2, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30));

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private CallTicket admit(InetAddress from) {
        return tracker.admit(from, Connections.GRPC, from + ":1");
    }

    @Test
    void aCallOverItsAddressShareOrTheTotalIsRefusedAndHoldsNoPlace() {
        CallTicket first = admit(ONE);
        CallTicket second = admit(ONE);
        CallTicket third = admit(ONE);
        assertThat(first.refusal()).isNull();
        assertThat(second.refusal()).isNull();
        assertThat(third.refusal()).isEqualTo(CloseReason.TOO_MANY_FROM_ADDRESS);
        assertThat(third.refusalWords()).isEqualTo("too many connections from your address");
        assertThat(tracker.openCount()).isEqualTo(2);

        assertThat(admit(OTHER).refusal()).isNull();
        CallTicket full = admit(OTHER);
        assertThat(full.refusal()).isEqualTo(CloseReason.SERVER_FULL);
        assertThat(full.refusalWords()).isEqualTo("server full");
        full.release();
        third.release();
        assertThat(tracker.openCount()).isEqualTo(3);
        assertThat(tracker.openCalls()).containsEntry(Connections.GRPC, 3);
        assertThat(tracker.disconnects())
                .containsEntry(CloseReason.TOO_MANY_FROM_ADDRESS, 1L)
                .containsEntry(CloseReason.SERVER_FULL, 1L);
    }

    @Test
    void aReleaseGivesThePlaceBackOnceUnderTheFirstReasonGiven() {
        CallTicket first = admit(ONE);
        admit(ONE);
        first.closing(CloseReason.IDLE);
        first.closing(CloseReason.SHUTDOWN);
        first.release();
        first.release();
        assertThat(tracker.openCount()).isEqualTo(1);
        assertThat(tracker.disconnects()).containsOnlyKeys(CloseReason.IDLE).containsEntry(CloseReason.IDLE, 1L);
        assertThat(admit(ONE).refusal()).as("its address's place came back").isNull();

        CallTicket cancelled = admit(OTHER);
        cancelled.release();
        assertThat(tracker.disconnects()).containsEntry(CloseReason.CLOSED_BY_CLIENT, 1L);
    }
}
