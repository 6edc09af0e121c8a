package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rooms too big to announce every arrival: no join storm, and a welcome that names a few and counts the rest. */
class LargeRoomEndToEndTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        config.announceLimit = 3;
        config.wrapWidth = 0;
    });

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    @Test
    void arrivalsAndDeparturesAreAnnouncedOnlyUpToTheLimit() throws Exception {
        LineClient first = clients.login("u0");
        clients.login("u1");
        first.await("[lobby] -- u1 has joined");
        clients.login("u2");
        first.await("[lobby] -- u2 has joined");
        LineClient fourth = clients.login("u3");
        fourth.send(":e");
        fourth.awaitEnd();
        LineClient fifth = clients.login("u4");
        fifth.send("a line everyone gets");
        first.await("[lobby] u4: a line everyone gets");
        assertThat(first.passed()).noneMatch(line -> line.contains("u3") || line.contains("u4 has joined"));
    }

    @Test
    void aWelcomeNamesTwentyAndCountsTheRest() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            clients.login("m" + i);
            names.add("m" + i);
        }
        LineClient late = clients.connect();
        late.await(LineClient.PROMPT);
        late.send("late");
        late.await("* you are in lobby with " + String.join(", ", names.subList(0, 20)) + " and 2 others");
    }
}
