package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guessing a room's password is slowed down per address, however often the guesser reconnects,
 * and per room, however many addresses guess; the room's hosts are told how many wrong passwords
 * were tried. Other addresses are loopback ones, 127.0.0.2 and up, as the socket's source.
 */
class PasswordGuessingEndToEndTest {

    /** alice (127.0.0.1) hosts games, locked with hunter2; bob is in it with her. */
    private static LineClient[] lockedGames(Clients clients) throws Exception {
        LineClient alice = clients.login("alice");
        LineClient bob = clients.login("bob");
        alice.send(":n games");
        alice.await("* you are in games, nobody else is here");
        bob.send(":cr games");
        bob.await("* you are in games with alice");
        alice.send(":passwd hunter2");
        bob.await("[games] -- alice locked the room");
        return new LineClient[] {alice, bob};
    }

    @Nested
    class WithTheDefaults {

        @RegisterExtension
        final RunningServer server = new RunningServer();

        private final Clients clients = new Clients(server);

        @AfterEach
        void disconnect() throws IOException {
            clients.close();
        }

        @Test
        void aFreshConnectionForEachGuessIsSlowedDownAllTheSame() throws Exception {
            lockedGames(clients);
            LineClient first = clients.loginFrom(2, "mallory");
            first.send(":cr games aaaa");
            first.await("! wrong password for games");
            first.close();

            LineClient second = clients.loginFrom(2, "mallory2");
            second.send(":cr games aaab");
            second.await("! too many wrong passwords; try again in 1s");
            second.send(":erm games:aaab hi");
            second.await(line -> line.startsWith("! too many wrong passwords; try again in "), "a wait for :erm");
            second.close();

            LineClient fromElsewhere = clients.loginFrom(3, "dave");
            fromElsewhere.send(":cr games hunter2");
            fromElsewhere.await("* you are in games with alice, bob");
        }

        @Test
        void hostsAreToldHowManyWrongPasswordsWereTriedAndNeverWhich() throws Exception {
            LineClient[] users = lockedGames(clients);
            LineClient alice = users[0];
            LineClient bob = users[1];
            alice.send(":host bob");
            bob.await("[games] -- bob is now a host");
            for (int address = 2; address <= 6; address++) {
                LineClient guesser = clients.loginFrom(address, "guesser" + address);
                guesser.send(":cr games secret" + address);
                guesser.await("! wrong password for games");
            }
            alice.await("* 5 wrong passwords tried for games in the last 10 minutes");
            bob.await("* 5 wrong passwords tried for games in the last 10 minutes");

            alice.send("still chatting");
            bob.await("[games] alice: still chatting");
            bob.send(":cr games wrong-but-already-here");
            bob.await("* you are already in games");
            Clients.sync(alice);
            assertThat(alice.passed()).noneMatch(line -> line.contains("secret"));
        }
    }

    @Nested
    class WithOneGuessAMinutePerRoom {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> config.roomGuessRate = 1);

        private final Clients clients = new Clients(server);

        @AfterEach
        void disconnect() throws IOException {
            clients.close();
        }

        @Test
        void guessesFromTwoAddressesSlowEachOtherButNotTheRoomsMembers() throws Exception {
            LineClient[] users = lockedGames(clients);
            LineClient mallory = clients.loginFrom(2, "mallory");
            LineClient carol = clients.login("carol");
            mallory.send(":cr games aaaa");
            mallory.await("! wrong password for games");
            carol.send(":cr games hunter2");
            carol.await(line -> line.startsWith("! too many wrong passwords; try again in "), "a wait for the room");
            carol.send(":cr lobby2 x");
            carol.await("! no room named lobby2 (create it with :n lobby2)");

            users[0].send("members chat on");
            users[1].await("[games] alice: members chat on");
            users[1].send(":erm games members write to it too");
            users[0].await("[games] bob@games: members write to it too");
        }
    }
}
