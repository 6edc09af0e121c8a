package roomchat.server.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whatever bytes arrive, the sender gets at most one error line and nobody else's terminal is harmed. */
class BadInputEndToEndTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(RunningServer.WHOLE_LINES);

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    @Test
    void aTooLongLineIsDroppedWithOneErrorAndTheNextLineWorks() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient bob = clients.login("bob");
        alice.send("x".repeat(1025));
        alice.await("! line too long (max 1024 bytes)");
        alice.send("y".repeat(1024));
        bob.await("[lobby] alice: " + "y".repeat(1024));
    }

    @Test
    void aLineOfExactlyTheLimitIsAcceptedWhenItsCrAndLfArriveInSeparateWrites() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient bob = clients.login("bob");
        alice.sendRaw(("z".repeat(1024) + "\r").getBytes(StandardCharsets.UTF_8));
        alice.sendRaw("\n".getBytes(StandardCharsets.UTF_8));
        Clients.sync(alice);
        org.assertj.core.api.Assertions.assertThat(alice.passed()).doesNotContain("! line too long (max 1024 bytes)");
        bob.await("[lobby] alice: " + "z".repeat(1024));
    }

    @Test
    void aLineThatNeverEndsIsDiscardedNotBuffered() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient bob = clients.login("bob");
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'z');
        for (int i = 0; i < 256; i++) {
            alice.sendRaw(chunk);
        }
        alice.sendRaw("\nstill here\n".getBytes(StandardCharsets.UTF_8));
        alice.await("! line too long (max 1024 bytes)");
        bob.await("[lobby] alice: still here");
        Clients.sync(alice);
        org.assertj.core.api.Assertions.assertThat(alice.passed()).doesNotContain("! line too long (max 1024 bytes)");
    }

    @Test
    void controlCharactersAndBidiOverridesNeverReachAnotherTerminal() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient bob = clients.login("bob");
        alice.send("\u001b[2J\u001b[Hcleared? \u001b]0;owned\u0007 ding\u0007 \u202eesrever\u202c \u009b31m tab\there\rCR");
        bob.await("[lobby] alice: [2J[Hcleared? ]0;owned ding esrever 31m tab hereCR");
        bob.send(":n g\u0007ames");
        bob.await("* created games");
        alice.send(":erm games \u001b[5mblink");
        bob.await("[games] alice@lobby: [5mblink");
    }

    @Test
    void invalidUtf8BecomesTheReplacementCharacter() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient bob = clients.login("bob");
        alice.sendRaw(new byte[] {'o', 'k', ' ', (byte) 0xc3, (byte) 0x28, ' ', (byte) 0xff, '\n'});
        bob.await("[lobby] alice: ok \uFFFD( \uFFFD");
    }

    @Test
    void crLfLineEndsAreAccepted() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient bob = clients.login("bob");
        alice.sendRaw("from windows\r\n:cr lobby\r\n".getBytes(StandardCharsets.UTF_8));
        bob.await("[lobby] alice: from windows");
        alice.await("* you are already in lobby");
    }
}
