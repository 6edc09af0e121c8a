package roomchat.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import roomchat.core.event.Happening;
import roomchat.core.event.RoomEvent;

/** The history's two bounds (lines per room, and memory over all rooms), and what of it a newcomer is shown. */
class RoomHistoryTest {

    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");
    private static final String LINE = "x".repeat(100);

    private long lastSeq;

    /** The next event said in {@code room}, numbered in the order of the test's events. */
    private RoomEvent said(String room, String text) {
        return RoomEvent.byServer(room, new Happening.Said(text)).ordered(++lastSeq, NOON);
    }

    /** What keeping {@code text} said in a room named like the test's rooms costs (their names are as long). */
    private static long costOf(String text) {
        return HistoryBudget.cost(RoomEvent.byServer("games", new Happening.Said(text)));
    }

    private static List<String> texts(RoomHistory history) {
        return history.through(Long.MAX_VALUE).stream().map(event -> ((Happening.Said) event.what()).text()).toList();
    }

    @Test
    void aRoomKeepsItsLastLines() {
        RoomHistory history = new RoomHistory(2, HistoryBudget.unlimited());
        history.add(said("games", "one"));
        history.add(said("games", "two"));
        history.add(said("games", "three"));
        assertThat(texts(history)).containsExactly("two", "three");
    }

    @Test
    void roomsShareTheBudgetAndARoomOverItForgetsItsOwnOldestLinesFirst() {
        HistoryBudget budget = new HistoryBudget(3 * costOf(LINE + 1));
        RoomHistory games = new RoomHistory(20, budget);
        RoomHistory lobby = new RoomHistory(20, budget);
        games.add(said("games", LINE + 1));
        games.add(said("games", LINE + 2));
        lobby.add(said("lobby", LINE + 3));
        lobby.add(said("lobby", LINE + 4));

        assertThat(texts(lobby)).containsExactly(LINE + 4);
        assertThat(texts(games)).containsExactly(LINE + 1, LINE + 2);
        assertThat(budget.usedBytes()).isEqualTo(3 * costOf(LINE + 1));
    }

    @Test
    void aRoomWithNothingToForgetKeepsNothingUntilAnotherFreesItsShare() {
        HistoryBudget budget = new HistoryBudget(costOf(LINE));
        RoomHistory games = new RoomHistory(20, budget);
        RoomHistory lobby = new RoomHistory(20, budget);
        games.add(said("games", LINE));
        lobby.add(said("lobby", LINE));
        assertThat(texts(lobby)).isEmpty();

        games.clear();
        lobby.add(said("lobby", LINE));
        assertThat(texts(lobby)).hasSize(1);
        assertThat(budget.usedBytes()).isEqualTo(costOf(LINE));
    }

    @Test
    void throughASequenceNumberGivesTheEventsKeptUpToIt() {
        RoomHistory history = new RoomHistory(20, HistoryBudget.unlimited());
        history.add(said("games", "one"));
        lastSeq++;
        history.add(said("games", "three"));
        history.add(said("games", "four"));

        assertThat(history.through(3)).extracting(RoomEvent::seq).containsExactly(1L, 3L);
        assertThat(history.through(0)).isEmpty();
    }
}
