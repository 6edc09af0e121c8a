package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.core.command.CommandWord;

/** Users at nc terminals, over real sockets, using every command and meeting every error. */
class ChatEndToEndTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(RunningServer.WHOLE_LINES);

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    private LineClient login(String name) throws IOException, InterruptedException {
        return clients.login(name);
    }

    private LineClient connect() throws IOException {
        return clients.connect();
    }

    private static void sync(LineClient client) throws IOException, InterruptedException {
        Clients.sync(client);
    }

    @Test
    void twoUsersChatAndNobodyHearsTheirOwnLine() throws Exception {
        LineClient alice = login("alice");
        LineClient bob = login("bob");
        alice.await("[lobby] -- bob has joined");

        alice.send("hello bob");
        bob.await("[lobby] alice: hello bob");
        bob.send("hi alice, ✓ ünïcode");
        alice.await("[lobby] bob: hi alice, ✓ ünïcode");
        sync(alice);
        assertThat(alice.passed()).noneMatch(line -> line.contains("alice: hello bob"));
    }

    @Test
    void theWelcomeNamesTheRoomAndWhoIsInIt() throws Exception {
        login("alice");
        login("bob");
        LineClient carol = connect();
        carol.await("* welcome to roomchat, 2 online");
        carol.await(LineClient.PROMPT);
        carol.send("carol");
        carol.await("* you are in lobby with alice, bob");
    }

    @Test
    void badAndTakenNamesAreRefusedUntilAGoodOne() throws Exception {
        login("alice");
        LineClient other = connect();
        other.await(LineClient.PROMPT);
        other.send("al ice");
        other.await("! invalid name: names are 1-24 letters, digits, _ - or .");
        other.await(LineClient.PROMPT);
        other.send("x".repeat(25));
        other.await("! invalid name: names are 1-24 letters, digits, _ - or .");
        other.send("ALICE");
        other.await("! name ALICE is taken");
        other.await(LineClient.PROMPT);
        other.send("alice2");
        other.await("* you are in lobby with alice");
    }

    @Test
    void aNameThatWouldPassForOneInUseIsRefused() throws Exception {
        login("bill");
        login("OLGA");
        LineClient other = connect();
        other.await(LineClient.PROMPT);
        other.send("biII");
        other.await("! name biII is too like bill");
        other.await(LineClient.PROMPT);
        other.send("0LGA");
        other.await("! name 0LGA is too like OLGA");
        other.await(LineClient.PROMPT);
        other.send("rnodem");
        other.await("* you are in lobby with bill, OLGA");
        LineClient third = connect();
        third.await(LineClient.PROMPT);
        third.send("modem");
        third.await("! name modem is too like rnodem");
    }

    @Test
    void roomsKeepTheirChatToThemselves() throws Exception {
        LineClient alice = login("alice");
        LineClient bob = login("bob");
        LineClient carol = login("carol");
        LineClient dave = login("dave");
        alice.send(":n games");
        alice.await("* you are in games, nobody else is here");
        dave.send(":cr games");
        dave.await("* you are in games with alice");

        bob.send("lobby talk");
        carol.await("[lobby] bob: lobby talk");
        dave.send("games talk");
        alice.await("[games] dave: games talk");
        sync(alice);
        sync(bob);
        // The rooms' own notices ([lobby] -- bob has joined) came while alice was still in the lobby.
        assertThat(alice.passed()).noneMatch(line -> line.startsWith("[lobby]") && !line.startsWith("[lobby] -- "));
        assertThat(bob.passed()).noneMatch(line -> line.startsWith("[games]") && !line.startsWith("[games] -- "));
    }

    @Test
    void changeRoomMovesAndBothRoomsAreTold() throws Exception {
        LineClient alice = login("alice");
        LineClient bob = login("bob");
        LineClient carol = login("carol");
        alice.send(":n games");
        alice.await("* you are in games, nobody else is here");

        bob.send(":CR Games");
        bob.await("* you are in games with alice");
        alice.await("[games] -- bob has joined");
        carol.await("[lobby] -- bob has left");

        bob.send(":change-room games");
        bob.await("* you are already in games");
        bob.send(":changeroom chess");
        bob.await("! no room named chess (create it with :n chess)");
        bob.send(":change_room bad/name");
        bob.await("! invalid room name: room names are 1-32 letters, digits, _ - or ., but not dm");
        bob.send(":cr");
        bob.await("! usage: :cr <room> [password]");
        bob.send("still here");
        alice.await("[games] bob: still here");
    }

    @Test
    void newRoomIsCreatedOnceAndItsCreatorMovesIn() throws Exception {
        LineClient alice = login("alice");
        LineClient bob = login("bob");
        alice.send(":new games");
        alice.await("* created games");
        alice.await("* you are in games, nobody else is here");
        bob.await("[lobby] -- alice has left");

        bob.send(":nr GAMES");
        bob.await("! room games already exists (join it with :cr games)");
        bob.send(":n lobby");
        bob.await("! room lobby already exists (join it with :cr lobby)");
        bob.send(":n " + "r".repeat(33));
        bob.await("! invalid room name: room names are 1-32 letters, digits, _ - or ., but not dm");
        bob.send(":n");
        bob.await("! usage: :n <room>");
    }

    @Test
    void messageRoomReachesAnotherRoomWithoutLeavingYours() throws Exception {
        LineClient alice = login("alice");
        LineClient bob = login("bob");
        LineClient carol = login("carol");
        bob.send(":n games");
        bob.await("* you are in games, nobody else is here");

        alice.send(":erm games brb,  back in 5");
        bob.await("[games] alice@lobby: brb,  back in 5");
        alice.await("* sent to games");
        alice.send(":era GAMES again");
        bob.await("[games] alice@lobby: again");

        carol.send("alice is still in lobby");
        alice.await("[lobby] carol: alice is still in lobby");
        alice.send(":erm chess hi");
        alice.await("! no room named chess (create it with :n chess)");
        alice.send(":erm games");
        alice.await("! usage: :erm <room>[:password] <text>");
        sync(carol);
        assertThat(carol.passed()).noneMatch(line -> line.contains("brb"));
    }

    @Test
    void helpListsEveryCommandAndItsAliases() throws Exception {
        LineClient alice = login("alice");
        alice.send(":help");
        alice.await(line -> line.startsWith("* commands"), "the help header");
        for (CommandWord command : CommandWord.values()) {
            String line = alice.await(l -> l.startsWith("*   " + command.usage() + " "), command.usage());
            assertThat(line).contains(command.description());
            command.aliases().forEach(alias -> assertThat(line).contains(":" + alias));
        }
    }

    @Test
    void exitSaysGoodbyeClosesAndFreesTheName() throws Exception {
        LineClient alice = login("alice");
        LineClient bob = login("bob");
        alice.send(":e");
        alice.await("* bye alice");
        alice.awaitEnd();
        bob.await("[lobby] -- alice has left");
        login("Alice");
    }

    @Test
    void anAbruptDisconnectIsALeaveAndTheEmptyRoomGoes() throws Exception {
        LineClient alice = login("alice");
        LineClient bob = login("bob");
        alice.send(":n games");
        alice.await("* you are in games, nobody else is here");
        bob.send(":cr games");
        bob.await("* you are in games with alice");

        alice.close();
        bob.await("[games] -- alice has left");
        bob.close();

        LineClient again = login("alice");
        again.send(":cr games");
        again.await("! no room named games (create it with :n games)");
        again.send(":n games");
        again.await("* created games");
    }

    @Test
    void badInputGetsOneErrorLineAndTheConnectionStaysUsable() throws Exception {
        LineClient alice = login("alice");
        LineClient bob = login("bob");
        alice.send(":dance");
        alice.await("! unknown command :dance (try :h)");
        alice.send(":");
        alice.await("! unknown command : (try :h)");
        alice.send("x".repeat(5_000));
        alice.await("! line too long (max 1024 bytes)");
        alice.send("");
        alice.send("   ");
        alice.send("::)");
        bob.await("[lobby] alice: :)");
        alice.sendRaw("crlf works\r\n".getBytes(StandardCharsets.UTF_8));
        bob.await("[lobby] alice: crlf works");
        assertThat(bob.passed()).noneMatch(line -> line.startsWith("[lobby] alice:"));
    }
}
