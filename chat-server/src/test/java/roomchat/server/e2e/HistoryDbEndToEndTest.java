package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import roomchat.server.ChatServer;
import roomchat.server.ServerConfig;
import roomchat.v1.ClientMessage;
import roomchat.v1.History;
import roomchat.v1.NewRoom;
import roomchat.v1.RoomEvent;
import roomchat.v1.ShowHistory;

/**
 * {@code --history-db}: a server stopped and started again on the same file shows each room's past
 * to whoever enters it, in order and with times, and answers {@code :history} from the file; lines
 * with escape sequences come back harmless.
 */
class HistoryDbEndToEndTest {

    /** {@code 14:02 [lobby] alice: one}: a line of the replay, with its time. */
    private static final String REPLAYED = "\\d\\d:\\d\\d \\[%s\\] %s";
    /** {@code * 2026-11-22 14:02 [lobby] alice: one}: a line of the answer to :history, with its date. */
    private static final String ASKED = "\\* \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\[%s\\] %s";

    @TempDir
    Path dir;

    /** Where the server last started listens for nc users. */
    private InetSocketAddress address;

    private ChatServer start(Path file, Consumer<ServerConfig> settings) throws Exception {
        ServerConfig config = ServerConfig.defaults();
        config.host = "127.0.0.1";
        config.port = 0;
        config.httpPort = 0;
        config.grpcPort = 0;
        config.historyDb = file;
        settings.accept(config);
        ChatServer server = new ChatServer(config);
        address = server.start();
        return server;
    }

    private static List<String> awaitReplay(LineClient client) throws InterruptedException {
        List<String> replay = new ArrayList<>();
        for (String line = client.poll(LineClient.TIMEOUT); !"* live chat starts".equals(line); line = client.poll(LineClient.TIMEOUT)) {
            assertThat(line).as("a line of the replay").isNotNull();
            replay.add(line);
        }
        return replay;
    }

    @Test
    void roomsShowTheirPastAfterARestartAndHistoryAnswersFromTheFile() throws Exception {
        Path file = dir.resolve("history.db");
        ChatServer first = start(file, config -> { });
        try (LineClient alice = LineClient.login(address, "alice");
             LineClient bob = LineClient.login(address, "bob")) {
            for (String line : List.of("one", "two", "red \u001b[31malert\u001b[0m \u001b]0;owned\u0007")) {
                alice.send(line);
            }
            alice.send(":me waves");
            bob.await("[lobby] * alice waves");
            bob.send(":n games");
            bob.await("* created games");
            bob.send("in games");
            bob.send(":hist 1"); // answered once "in games" is ordered and stored: the relayed line comes after it
            bob.await("* end of history");
            alice.send(":erm games hello from the lobby");
            alice.await("* sent to games");
            bob.await("[games] alice@lobby: hello from the lobby");
        } finally {
            first.close();
        }

        ChatServer second = start(file, config -> { });
        try (LineClient carol = LineClient.login(address, "carol")) {
            List<String> replay = awaitReplay(carol);
            assertThat(replay).hasSize(4);
            assertThat(replay.get(0)).matches(REPLAYED.formatted("lobby", "alice: one"));
            assertThat(replay.get(1)).matches(REPLAYED.formatted("lobby", "alice: two"));
            assertThat(replay.get(2)).matches(REPLAYED.formatted("lobby", "alice: red \\[31malert\\[0m \\]0;owned"));
            assertThat(replay.get(3)).matches(REPLAYED.formatted("lobby", "\\* alice waves"));

            carol.send(":n games");
            carol.await("* created games");
            carol.await("* you are in games, nobody else is here");
            List<String> games = awaitReplay(carol);
            assertThat(games).hasSize(2);
            assertThat(games.get(0)).matches(REPLAYED.formatted("games", "bob: in games"));
            assertThat(games.get(1)).matches(REPLAYED.formatted("games", "alice@lobby: hello from the lobby"));

            carol.send("after the restart");
            carol.send(":history 50");
            assertThat(carol.await(line -> line.startsWith("* history of"), "the heading")).isEqualTo("* history of games, the last 3 lines:");
            assertThat(carol.poll(LineClient.TIMEOUT)).matches(ASKED.formatted("games", "bob: in games"));
            assertThat(carol.poll(LineClient.TIMEOUT)).matches(ASKED.formatted("games", "alice@lobby: hello from the lobby"));
            assertThat(carol.poll(LineClient.TIMEOUT)).matches(ASKED.formatted("games", "carol: after the restart"));
            assertThat(carol.poll(LineClient.TIMEOUT)).isEqualTo("* end of history");

            carol.send(":cr lobby");
            awaitReplay(carol);
            carol.send(":hist 2");
            carol.await("* history of lobby, the last 2 lines:");
            assertThat(carol.poll(LineClient.TIMEOUT)).matches(ASKED.formatted("lobby", "alice: red \\[31malert\\[0m \\]0;owned"));
            assertThat(carol.poll(LineClient.TIMEOUT)).matches(ASKED.formatted("lobby", "\\* alice waves"));
            assertThat(carol.poll(LineClient.TIMEOUT)).isEqualTo("* end of history");
        } finally {
            second.close();
        }
    }

    /**
     * What a page does when scrolled to the top: {@code :history n before} with the seq of the oldest
     * line it shows reads the n lines just older, in order, from the file after a restart; over gRPC
     * (whose events carry their seq) and nc alike.
     */
    @Test
    void historyBeforeASeqReadsTheLinesJustOlderThanItAfterARestart() throws Exception {
        Path file = dir.resolve("history.db");
        int said = 40;
        ChatServer first = start(file, config -> config.burst = said * 2); // the lines go at once, not at --rate
        try (LineClient alice = LineClient.login(address, "alice")) {
            alice.send(":n games");
            alice.await("* created games");
            for (int i = 1; i <= said; i++) {
                alice.send("line " + i);
            }
            alice.send(":hist 1");
            alice.await("* end of history");
        } finally {
            first.close();
        }

        ChatServer second = start(file, config -> config.grpcPort = ServerConfig.ANY_FREE_PORT);
        try (GrpcClient bot = GrpcClient.login(second.grpcAddress(), "bot");
             LineClient carol = LineClient.login(address, "carol")) {
            bot.send(ClientMessage.newBuilder().setNewRoom(NewRoom.newBuilder().setRoom("games")).build());
            List<RoomEvent> replay = bot.await(event -> event.hasHistory() && !event.getHistory().getRequested())
                    .getHistory().getEventsList();
            assertThat(replay).extracting(event -> event.getSaid().getText()).first().isEqualTo("line 21");
            long oldestShown = replay.get(0).getSeq();

            bot.send(ClientMessage.newBuilder().setShowHistory(ShowHistory.newBuilder().setLines(5).setBeforeSeq(oldestShown)).build());
            History answer = bot.await(event -> event.hasHistory() && event.getHistory().getRequested()).getHistory();
            assertThat(answer.getBeforeSeq()).as("the answer names its bound").isEqualTo(oldestShown);
            List<RoomEvent> older = answer.getEventsList();
            assertThat(older).extracting(event -> event.getSaid().getText())
                    .containsExactly("line 16", "line 17", "line 18", "line 19", "line 20");
            assertThat(older).extracting(RoomEvent::getSeq).isSorted().allMatch(seq -> seq < oldestShown);

            carol.send(":cr games");
            awaitReplay(carol);
            carol.send(":history 5 " + older.get(0).getSeq());
            assertThat(carol.await(line -> line.startsWith("* history of"), "the heading"))
                    .isEqualTo("* history of games, the last 5 lines before #" + older.get(0).getSeq() + ":");
            for (int i = 11; i <= 15; i++) {
                assertThat(carol.poll(LineClient.TIMEOUT)).matches(ASKED.formatted("games", "alice: line " + i));
            }
            assertThat(carol.poll(LineClient.TIMEOUT)).isEqualTo("* end of history");

            carol.send(":history 50 " + older.get(0).getSeq());
            carol.await(line -> line.startsWith("* history of"), "the heading of the first lines");
            for (int i = 1; i <= 15; i++) {
                assertThat(carol.poll(LineClient.TIMEOUT)).as("fewer than asked: all there is").matches(ASKED.formatted("games", "alice: line " + i));
            }
            assertThat(carol.poll(LineClient.TIMEOUT)).isEqualTo("* end of history");

            carol.send(":hist 5 soon");
            assertThat(carol.await(line -> line.startsWith("!"), "the error")).isEqualTo("! before is a sequence number from 1 (soon is not)");
        } finally {
            second.close();
        }
    }

    @Test
    void theFileKeepsEachRoomsLastLinesUpToHistoryKeep() throws Exception {
        Path file = dir.resolve("history.db");
        ChatServer first = start(file, config -> config.historyKeep = 3);
        try (LineClient alice = LineClient.login(address, "alice");
             LineClient bob = LineClient.login(address, "bob")) {
            for (int i = 1; i <= 6; i++) {
                alice.send("line " + i);
            }
            bob.await("[lobby] alice: line 6");
        } finally {
            first.close();
        }
        ChatServer second = start(file, config -> config.historyKeep = 3);
        try (LineClient carol = LineClient.login(address, "carol")) {
            assertThat(awaitReplay(carol)).hasSize(3).last().asString().endsWith("alice: line 6");
            carol.send(":history 200");
            carol.await("* history of lobby, the last 3 lines:");
        } finally {
            second.close();
        }
    }
}
