package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two users on two nodes asking for the same name, or making the same room, at the same instant:
 * Redis decides, so exactly one wins and the other is told as a user of one server would be.
 */
class ClusterRacesEndToEndTest {

    private static final int NAME_ROUNDS = 20;
    private static final int ROOM_ROUNDS = 10;

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(2, RunningServer.WHOLE_LINES);

    private final ClusterClients clients = new ClusterClients();
    /** Two threads, one per racer, released together by a barrier. */
    private final ExecutorService racers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() throws IOException {
        racers.shutdownNow();
        clients.close();
    }

    private LineClient connect(InetSocketAddress node) throws IOException {
        return clients.connect(node);
    }

    /** Sends {@code first}'s line and {@code second}'s at the same instant, each from a thread of its own. */
    private void race(LineClient first, String firstLine, LineClient second, String secondLine) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<?> one = racers.submit(() -> {
            start.await();
            first.send(firstLine);
            return null;
        });
        Future<?> other = racers.submit(() -> {
            start.await();
            second.send(secondLine);
            return null;
        });
        one.get(LineClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        other.get(LineClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void twoNodesClaimingOneNameAtOnceLetExactlyOneIn() throws Exception {
        LineClient watcher = connect(cluster.address(0)).claim("watcher");
        for (int round = 0; round < NAME_ROUNDS; round++) {
            String name = "racer" + round;
            LineClient first = connect(cluster.address(0));
            LineClient second = connect(cluster.address(1));
            first.await(LineClient.PROMPT);
            second.await(LineClient.PROMPT);

            race(first, name, second, name);
            String refusal = "! name " + name + " is taken";
            String refusalTooLike = "! name " + name + " is too like " + name;
            List<String> answers = new ArrayList<>();
            for (LineClient racer : List.of(first, second)) {
                answers.add(racer.await(line -> line.startsWith("* you are in ") || line.equals(refusal)
                        || line.equals(refusalTooLike), "in or refused"));
            }
            assertThat(answers).as("round %d", round).filteredOn(line -> line.startsWith("* you are in ")).hasSize(1);
            assertThat(answers).as("round %d", round).filteredOn(line -> line.startsWith("! name ")).hasSize(1);
            watcher.await("[lobby] -- " + name + " has joined");

            LineClient winner = answers.get(0).startsWith("* you are in ") ? first : second;
            LineClient loser = winner == first ? second : first;
            winner.send(":who");
            winner.await(line -> line.startsWith("* in lobby: ") && line.endsWith(", " + name), "who, with " + name + " once");
            // The loser is still asked for a name, and may take another.
            loser.send(name + "b");
            loser.await(line -> line.startsWith("* you are in "), "the welcome as " + name + "b");
            winner.send(":e");
            loser.send(":e");
            winner.awaitEnd();
            loser.awaitEnd();
            watcher.awaitAll(LineClient.TIMEOUT, "[lobby] -- " + name + " has left", "[lobby] -- " + name + "b has left");
        }
        watcher.send(":who");
        watcher.await("* in lobby: watcher");
    }

    @Test
    void twoNodesMakingOneRoomAtOnceMakeItOnce() throws Exception {
        LineClient alice = connect(cluster.address(0)).claim("alice");
        LineClient bob = connect(cluster.address(1)).claim("bob");
        for (int round = 0; round < ROOM_ROUNDS; round++) {
            String room = "arena" + round;
            race(alice, ":n " + room, bob, ":n " + room);
            String created = "* created " + room;
            String exists = "! room " + room + " already exists (join it with :cr " + room + ")";
            List<String> answers = new ArrayList<>();
            for (LineClient racer : List.of(alice, bob)) {
                answers.add(racer.await(line -> line.equals(created) || line.equals(exists), "created or exists"));
            }
            assertThat(answers).as("round %d", round).containsExactlyInAnyOrder(created, exists);

            LineClient maker = answers.get(0).equals(created) ? alice : bob;
            LineClient other = maker == alice ? bob : alice;
            String makerName = maker == alice ? "alice" : "bob";
            maker.await("* you are in " + room + ", nobody else is here");
            other.send(":cr " + room);
            other.await("* you are in " + room + " with " + makerName);
            other.send(":who");
            other.await("* in " + room + ": " + makerName + " (host), " + (other == alice ? "alice" : "bob"));
        }
        alice.send(":rooms");
        alice.await("*   arena" + (ROOM_ROUNDS - 1) + ": 2 members");
        assertThat(alice.passed()).as("rooms listed").noneMatch(line -> line.matches("\\*   arena[0-8]:.*"));
    }
}
