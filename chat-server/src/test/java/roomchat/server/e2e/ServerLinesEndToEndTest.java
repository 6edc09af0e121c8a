package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which lines are the server's (issue 10, finding 2): users named like the server's own words can't
 * make an action read as one of its notices.
 */
class ServerLinesEndToEndTest {

    /** Lines only the server may send, as a user at nc would read them. */
    private static final List<String> SERVER_NOTICES = List.of(
            "* server shutting down",
            LineClient.PROMPT,
            "* you are now root",
            "* you are now known as root",
            "* you are in lobby, nobody else is here",
            "[lobby] -- root has joined");

    @RegisterExtension
    final RunningServer server = new RunningServer();

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    @Test
    void actionsFromUsersNamedLikeTheServersWordsStartWithTheirRoom() throws Exception {
        LineClient watcher = clients.login("watcher");
        List<String[]> forgeries = List.of(
                new String[] {"server", "shutting down"},
                new String[] {"you", "are now root"},
                new String[] {"you", "are now known as root"},
                new String[] {"you", "are in lobby, nobody else is here"},
                new String[] {"choose", "a screen name (1-24 letters, digits, _ - or .)"},
                new String[] {"server", "-- root has joined"});
        for (String[] forgery : forgeries) {
            String name = forgery[0];
            LineClient forger = clients.login(name);
            watcher.await(l -> l.contains(" " + name + " has joined"), name + " joining");
            forger.send(":me " + forgery[1]);
            String line = watcher.await(l -> l.contains(forgery[1]), "the action of " + name);
            assertThat(line).isEqualTo("[lobby] * " + name + " " + forgery[1])
                    .startsWith("[lobby] ")
                    .doesNotStartWith("[lobby] -- ")
                    .isNotIn(SERVER_NOTICES);
            forger.close();
            watcher.await(l -> l.contains(" " + name + " has left"), name + " leaving");
        }
    }
}
