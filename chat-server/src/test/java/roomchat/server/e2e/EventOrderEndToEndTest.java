package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A kick racing other traffic: what the kicked member hears first, and what its room keeps of the
 * lines it typed as it was thrown out. Each is a race between event loops and dispatcher threads,
 * so each test runs it for several rounds: a server that tells the kicked member apart from the
 * default room's order (a direct write racing the room's replay) fails some round of the first; one
 * that lets a line its sender's loop meant for the old room land there after the kick fails the
 * second whenever the kick falls between the two.
 */
class EventOrderEndToEndTest {

    private static final int ROUNDS = 40;
    private static final int BURST = 300;
    /** What the lobby's history and live chat hold in the first test: carol's lines, replayed or live. */
    private static final Pattern CAROLS_LOBBY_LINE = Pattern.compile("(\\d\\d:\\d\\d )?\\[lobby\\] carol: .*");

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        // alice, bob and carol log in in that order, each served by a loop of its own: the threads race.
        config.ioThreads = 3;
        config.dispatchThreads = 2;
        // Every line of a burst is kept for newcomers, and no burst is cut short by the flood limit.
        config.historyLines = BURST + 10;
        config.ratePerSecond = 0;
    });

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    @Test
    void aKickedMemberHearsOfTheKickBeforeAnyOfTheDefaultRoomsHistoryOrChat() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient bob = clients.login("bob");
        LineClient carol = clients.login("carol");
        carol.send("said before anyone was kicked");
        bob.await("[lobby] carol: said before anyone was kicked");
        for (int round = 1; round <= ROUNDS; round++) {
            String room = "games" + round;
            aliceHostsWithBob(alice, bob, room);
            bob.passed();

            carol.sendRaw(burst("chatter " + round + "."));
            alice.send(":kick bob");

            bob.await("* you were kicked from " + room + " by alice");
            assertThat(bob.passed()).as("round %d: what bob heard before the kick", round)
                    .noneMatch(line -> CAROLS_LOBBY_LINE.matcher(line).matches() || line.equals("* live chat starts"));
            assertThat(bob.poll(LineClient.TIMEOUT)).as("round %d: the line after the kick", round)
                    .isEqualTo("* you are in lobby with carol");
            // Nothing of carol's still on its way (her last line came live or in the history) for the next round.
            String last = "[lobby] carol: chatter " + round + "." + BURST;
            bob.await(line -> line.endsWith(last), last);
        }
    }

    @Test
    void linesTypedAsTheSenderIsKickedNeverReachTheRoomAfterTheKickNorItsHistory() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient bob = clients.login("bob");
        LineClient carol = clients.login("carol");
        for (int round = 1; round <= ROUNDS; round++) {
            String room = "games" + round;
            aliceHostsWithBob(alice, bob, room);
            alice.passed();

            bob.sendRaw(burst("burst " + round + "."));
            alice.send(":kick bob");
            // Bob's lines are handled in order: the answer to this one means the burst has all been handled.
            Clients.sync(bob);

            alice.await("[" + room + "] -- bob was kicked by alice");
            List<String> beforeKick = alice.passed();
            // The topic is ordered after everything bob's burst put in the room.
            alice.send(":topic after round " + round);
            alice.await("[" + room + "] -- alice set the topic: after round " + round);
            assertThat(alice.passed()).as("round %d: what the room heard after the kick", round)
                    .noneMatch(line -> line.startsWith("[" + room + "] bob: "));

            carol.send(":cr " + room);
            carol.await("* you are in " + room + " with alice");
            alice.send("welcome, carol");
            carol.await("[" + room + "] alice: welcome, carol");
            List<String> replayed = carol.passed().stream()
                    .filter(line -> line.matches("\\d\\d:\\d\\d \\[" + room + "\\] bob: .*"))
                    .map(line -> line.substring("00:00 ".length()))
                    .toList();
            assertThat(replayed).as("round %d: bob's lines in the room's history", round)
                    .isEqualTo(beforeKick.stream().filter(line -> line.startsWith("[" + room + "] bob: ")).toList());
        }
    }

    /** alice creates {@code room} (leaving the last round's) and bob joins her there. */
    private static void aliceHostsWithBob(LineClient alice, LineClient bob, String room) throws Exception {
        alice.send(":n " + room);
        alice.await(line -> line.startsWith("* you are in " + room), "alice in " + room);
        bob.send(":cr " + room);
        bob.await("* you are in " + room + " with alice");
        alice.await("[" + room + "] -- bob has joined");
    }

    /** {@link #BURST} chat lines, each {@code prefix} and its number, as one write. */
    private static byte[] burst(String prefix) {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= BURST; i++) {
            lines.append(prefix).append(i).append('\n');
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }
}
