package roomchat.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The history's two bounds: lines per room, and memory over all rooms. */
class RoomHistoryTest {

    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");
    private static final String LINE = "x".repeat(100);

    @Test
    void aRoomKeepsItsLastLines() {
        RoomHistory history = new RoomHistory(2, HistoryBudget.unlimited());
        history.add(NOON, "one");
        history.add(NOON, "two");
        history.add(NOON, "three");
        assertThat(history.entries()).extracting(RoomHistory.Entry::line).containsExactly("two", "three");
    }

    @Test
    void roomsShareTheBudgetAndARoomOverItForgetsItsOwnOldestLinesFirst() {
        HistoryBudget budget = new HistoryBudget(3 * HistoryBudget.cost(LINE + 1));
        RoomHistory games = new RoomHistory(20, budget);
        RoomHistory lobby = new RoomHistory(20, budget);
        games.add(NOON, LINE + 1);
        games.add(NOON, LINE + 2);
        lobby.add(NOON, LINE + 3);
        lobby.add(NOON, LINE + 4);

        assertThat(lobby.entries()).extracting(RoomHistory.Entry::line).containsExactly(LINE + 4);
        assertThat(games.entries()).extracting(RoomHistory.Entry::line).containsExactly(LINE + 1, LINE + 2);
        assertThat(budget.usedBytes()).isEqualTo(3 * HistoryBudget.cost(LINE + 1));
    }

    @Test
    void aRoomWithNothingToForgetKeepsNothingUntilAnotherFreesItsShare() {
        HistoryBudget budget = new HistoryBudget(HistoryBudget.cost(LINE));
        RoomHistory games = new RoomHistory(20, budget);
        RoomHistory lobby = new RoomHistory(20, budget);
        games.add(NOON, LINE);
        lobby.add(NOON, LINE);
        assertThat(lobby.entries()).isEmpty();

        games.clear();
        lobby.add(NOON, LINE);
        assertThat(lobby.entries()).hasSize(1);
        assertThat(budget.usedBytes()).isEqualTo(HistoryBudget.cost(LINE));
    }
}
