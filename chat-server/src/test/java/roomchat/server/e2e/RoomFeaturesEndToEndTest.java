package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Room lists, private lines, renames, actions, hosts with passwords and kicks, and history. */
class RoomFeaturesEndToEndTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> config.historyLines = 3);

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    /** alice hosts games; bob is in it too; carol stays in the lobby. */
    private LineClient[] aliceHostsGamesWithBob() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient bob = clients.login("bob");
        LineClient carol = clients.login("carol");
        alice.send(":n games");
        alice.await("* you are in games, nobody else is here");
        bob.send(":cr games");
        bob.await("* you are in games with alice");
        alice.await("[games] -- bob has joined");
        return new LineClient[] {alice, bob, carol};
    }

    @Test
    void roomsListsEveryRoomWithItsCountTopicAndLock() throws Exception {
        LineClient[] users = aliceHostsGamesWithBob();
        LineClient alice = users[0];
        LineClient carol = users[2];
        alice.send(":topic friday night");
        alice.await("[games] -- alice set the topic: friday night");
        alice.send(":passwd s3cret");
        alice.await("[games] -- alice locked the room");
        carol.send(":l");
        carol.await("* rooms (2):");
        carol.await("*   games: 2 members, locked, topic: friday night");
        carol.await("*   lobby: 1 member");
        carol.send(":list");
        carol.await("* rooms (2):");
        carol.send(":rooms");
        carol.await("* rooms (2):");
    }

    @Test
    void whoListsTheRoomWithHostsMarked() throws Exception {
        LineClient bob = aliceHostsGamesWithBob()[1];
        bob.send(":who");
        bob.await("* in games: alice (host), bob");
    }

    @Test
    void privateLinesReachOneUserAnywhereAndNeverARoom() throws Exception {
        LineClient[] users = aliceHostsGamesWithBob();
        LineClient alice = users[0];
        LineClient bob = users[1];
        LineClient carol = users[2];
        carol.send(":msg ALICE psst,  over here");
        alice.await("[dm] carol: psst,  over here");
        carol.await("* sent to alice");
        carol.send(":dm bob hi");
        bob.await("[dm] carol: hi");
        carol.send(":m nobody hi");
        carol.await("! no user named nobody");
        carol.send(":msg bob");
        carol.await("! usage: :msg <name> <text>");

        LineClient dave = clients.login("dave");
        dave.send(":cr games");
        dave.await("* you are in games with alice, bob");
        Clients.sync(dave);
        assertThat(dave.passed()).noneMatch(line -> line.contains("[dm]"));
    }

    @Test
    void nickRenamesUnderTheSameRules() throws Exception {
        LineClient[] users = aliceHostsGamesWithBob();
        LineClient alice = users[0];
        LineClient bob = users[1];
        alice.send(":nick Alicia");
        alice.await("* you are now Alicia");
        bob.await("[games] -- alice is now known as Alicia");
        alice.send("renamed");
        bob.await("[games] Alicia: renamed");
        alice.send(":nick BOB");
        alice.await("! name BOB is taken");
        alice.send(":nick not valid");
        alice.await("! usage: :nick <name>");
        alice.send(":nick x!");
        alice.await("! invalid name: names are 1-24 letters, digits, _ - or .");
        users[2].send(":msg alice hi");
        users[2].await("! no user named alice");
        clients.login("alice");
    }

    @Test
    void nickRefusesANameThatWouldPassForAnother() throws Exception {
        LineClient[] users = aliceHostsGamesWithBob();
        LineClient carol = users[2];
        carol.send(":nick bilI");
        carol.await("* you are now bilI");
        users[0].send(":nick BILL");
        users[0].await("! name BILL is too like bilI");
        users[1].send(":nick b0b");
        users[1].await("* you are now b0b");
        users[0].send(":nick bob");
        users[0].await("! name bob is too like b0b");
    }

    @Test
    void aCommandAfterSpacesIsStillACommandAndNeverChat() throws Exception {
        LineClient[] users = aliceHostsGamesWithBob();
        LineClient alice = users[0];
        LineClient bob = users[1];
        LineClient carol = users[2];
        alice.send(" :passwd hunter2");
        bob.await("[games] -- alice locked the room");
        alice.send("\t:msg carol my pin is 4821");
        carol.await("[dm] alice: my pin is 4821");
        alice.send("  ::) still chat");
        bob.await("[games] alice: :) still chat");
        assertThat(bob.passed()).noneMatch(line -> line.contains("hunter2") || line.contains("4821"));

        LineClient dave = clients.login("dave");
        dave.send(":cr games hunter2");
        dave.await("* you are in games with alice, bob");
        Clients.sync(dave);
        assertThat(dave.passed()).noneMatch(line -> line.contains("hunter2") || line.contains("4821"));
    }

    @Test
    void meTellsTheRoomWhatYouAreDoing() throws Exception {
        LineClient[] users = aliceHostsGamesWithBob();
        users[0].send(":me waves  at everyone");
        users[1].await("[games] * alice waves  at everyone");
    }

    @Test
    void onlyAHostMayLockAndALockedRoomNeedsItsPassword() throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            lockAndEnter();
            assertThat(logs.events()).noneMatch(event -> event.getFormattedMessage().contains("hunter2"));
        }
    }

    private void lockAndEnter() throws Exception {
        LineClient[] users = aliceHostsGamesWithBob();
        LineClient alice = users[0];
        LineClient bob = users[1];
        LineClient carol = users[2];
        bob.send(":passwd mine");
        bob.await("! only a host of games can do that");
        carol.send(":passwd x");
        carol.await("! room lobby has no hosts, so nobody can do that there");
        alice.send(":passwd hunter2");
        bob.await("[games] -- alice locked the room");

        carol.send(":cr games");
        carol.await("! room games is locked (enter with :cr games <password>)");
        carol.send(":cr games wrong");
        carol.await("! wrong password for games");
        carol.send(":cr games hunter2");
        carol.await("! too many wrong passwords; try again in 1s");
        carol.send(":n side");
        carol.await("* created side");
        carol.send(":cr games hunter2");
        carol.await(line -> line.startsWith("! too many wrong passwords"), "still slowed down after entering another room");
        carol.send(":erm games hi");
        carol.await("! room games is locked (send with :erm games:<password> <text>)");

        LineClient dave = clients.loginFrom(2, "dave");
        dave.send(":erm games:hunter2 hello from outside");
        bob.await("[games] dave@lobby: hello from outside");
        dave.await("* sent to games");
        dave.send(":cr games hunter2");
        dave.await("* you are in games with alice, bob");

        alice.send(":passwd");
        bob.await("[games] -- alice unlocked the room");
        LineClient erin = clients.login("erin");
        erin.send(":cr games");
        erin.await("* you are in games with alice, bob, dave");
        assertThat(bob.passed()).noneMatch(line -> line.contains("hunter2"));
    }

    @Test
    void aHostKicksToTheDefaultRoomAndTellsBoth() throws Exception {
        LineClient[] users = aliceHostsGamesWithBob();
        LineClient alice = users[0];
        LineClient bob = users[1];
        LineClient carol = users[2];
        bob.send(":kick alice");
        bob.await("! only a host of games can do that");
        alice.send(":kick alice");
        alice.await("! you can't kick yourself");
        alice.send(":kick carol");
        alice.await("! no user named carol in games");
        alice.send(":kick bob");
        bob.await("* you were kicked from games by alice");
        bob.await("* you are in lobby with carol");
        alice.await("[games] -- bob was kicked by alice");
        carol.await("[lobby] -- bob has joined");
        bob.send("back in the lobby");
        carol.await("[lobby] bob: back in the lobby");
    }

    @Test
    void hostsPassOnAndCanBeAdded() throws Exception {
        LineClient[] users = aliceHostsGamesWithBob();
        LineClient alice = users[0];
        LineClient bob = users[1];
        LineClient dave = clients.login("dave");
        dave.send(":cr games");
        dave.await("* you are in games with alice, bob");
        alice.send(":host alice");
        alice.await("! you are a host already");
        alice.send(":host dave");
        bob.await("[games] -- dave is now a host");
        dave.send(":topic set by dave");
        bob.await("[games] -- dave set the topic: set by dave");
        alice.send(":e");
        bob.await("[games] -- alice has left");
        dave.send(":e");
        bob.await("[games] -- dave has left");
        bob.await("[games] -- bob is now a host");
        bob.send(":topic");
        bob.await("[games] -- bob cleared the topic");
    }

    @Test
    void aNewcomerGetsTheLastLinesWithTheirTimeThenLiveChat() throws Exception {
        LineClient[] users = aliceHostsGamesWithBob();
        LineClient alice = users[0];
        LineClient bob = users[1];
        alice.send(":topic history test");
        for (int i = 1; i <= 4; i++) {
            alice.send("line " + i);
            bob.await("[games] alice: line " + i);
        }
        users[2].send(":msg alice secret");
        alice.await("[dm] carol: secret");

        LineClient dave = clients.login("dave");
        dave.send(":cr games");
        dave.await("* you are in games with alice, bob");
        dave.await("* topic: history test");
        for (int i = 2; i <= 4; i++) {
            assertThat(dave.await(line -> !line.startsWith("* "), "history line " + i))
                    .matches("\\d\\d:\\d\\d \\[games\\] alice: line " + i);
        }
        dave.await("* live chat starts");
        alice.send("live");
        dave.await("[games] alice: live");
        assertThat(dave.passed()).noneMatch(line -> line.contains("secret") || line.contains("line 1"));
    }
}
