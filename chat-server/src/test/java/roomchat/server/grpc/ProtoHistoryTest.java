package roomchat.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import roomchat.core.command.Command;
import roomchat.core.command.Input;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.v1.ClientMessage;
import roomchat.v1.ServerEvent;
import roomchat.v1.ShowHistory;

/** {@code :history} typed for the gRPC door: the ShowHistory command and the History answer marked requested. */
class ProtoHistoryTest {

    private static Optional<Input> asked(int lines) {
        return ProtoInputs.of(ClientMessage.newBuilder().setShowHistory(ShowHistory.newBuilder().setLines(lines)).build());
    }

    @Test
    void showHistoryAsksForTheDefaultTheCountOrTheMost() {
        assertThat(asked(0)).contains(new Command.ShowHistory(Command.ShowHistory.DEFAULT_LINES));
        assertThat(asked(50)).contains(new Command.ShowHistory(50));
        assertThat(asked(5_000)).contains(new Command.ShowHistory(Command.ShowHistory.MAX_LINES));
        assertThat(asked(-1)).as("a uint32 past Java's int").contains(new Command.ShowHistory(Command.ShowHistory.MAX_LINES));
    }

    @Test
    void beforeSeqBoundsTheLinesAndZeroOrPastALongSetsNoBound() {
        ClientMessage.Builder message = ClientMessage.newBuilder();
        assertThat(ProtoInputs.of(message.setShowHistory(ShowHistory.newBuilder().setLines(50).setBeforeSeq(120)).build()))
                .contains(new Command.ShowHistory(50, 120));
        assertThat(ProtoInputs.of(message.setShowHistory(ShowHistory.newBuilder().setBeforeSeq(7)).build()))
                .contains(new Command.ShowHistory(Command.ShowHistory.DEFAULT_LINES, 7));
        assertThat(ProtoInputs.of(message.setShowHistory(ShowHistory.newBuilder().setLines(5).setBeforeSeq(0)).build()))
                .contains(new Command.ShowHistory(5, Command.ShowHistory.LATEST));
        assertThat(ProtoInputs.of(message.setShowHistory(ShowHistory.newBuilder().setLines(5).setBeforeSeq(-1)).build()))
                .as("a uint64 past Java's long").contains(new Command.ShowHistory(5, Command.ShowHistory.LATEST));
    }

    @Test
    void theAnswerIsAHistoryMarkedRequestedAndTheReplayIsNot() {
        RoomEvent line = new RoomEvent("games", 7, Instant.parse("2026-11-01T09:30:00Z"), "ann", null, new Happening.Said("hi"));
        ServerEvent answer = ProtoEvents.of(new Notice.History("games", List.of(line), true));
        assertThat(answer.getHistory().getRequested()).isTrue();
        assertThat(answer.getHistory().getEvents(0).getSaid().getText()).isEqualTo("hi");
        assertThat(answer.getHistory().getEvents(0).getSeq()).isEqualTo(7);
        assertThat(ProtoEvents.of(new Notice.History("games", List.of(line))).getHistory().getRequested()).isFalse();
    }
}
