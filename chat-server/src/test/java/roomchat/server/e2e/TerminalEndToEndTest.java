package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.core.text.TerminalWrap;

/**
 * What a person sees in an 80-column terminal running nc (tmux stands in for the terminal): a line
 * padded so that its own text would begin the terminal's next row is wrapped by the server, and
 * that row begins with the server's indent, whatever the filler.
 */
class TerminalEndToEndTest {

    private static final int COLUMNS = 80;
    private static final String PREFIX = "[lobby] mallory: x";
    private static final String FORGERY = "! you are muted";
    /** Fillers as wide as their count in columns, and wide ones (two columns each). */
    private static final List<String> NARROW_FILLERS = List.of(" ", ".", "\u00a0", "\u200d.");
    private static final String WIDE_FILLER = "\u3000";
    /** Every row on the screen: a notice, mallory's line, a continuation, the name carol typed, or nothing. */
    private static final Pattern SERVER_ROW = Pattern.compile("(\\* |\\[lobby] (mallory: |-- )|" + TerminalWrap.INDENT + ").*|carol|");

    @RegisterExtension
    final RunningServer server = new RunningServer();

    private final Clients clients = new Clients(server);
    private final String tmuxSocket = "roomchat-test-" + ProcessHandle.current().pid();

    @BeforeEach
    void needTmuxAndNc() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")) && Files.isExecutable(Path.of("/usr/bin/nc")),
                "tmux and nc are installed (.ci/run installs them)");
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        tmux("kill-server");
    }

    @Test
    void noRowThatAUsersTextFillsBeginsWithWhatTheUserChose() throws Exception {
        tmux("new-session", "-d", "-s", "chat", "-x", "" + COLUMNS, "-y", "60",
                "nc 127.0.0.1 " + server.address().getPort());
        awaitScreen(rows -> rows.stream().anyMatch(row -> row.startsWith("* choose a screen name")), "the prompt");
        tmux("send-keys", "-t", "chat", "carol", "Enter");
        awaitScreen(rows -> rows.contains("* type :h for help, :e to leave"), "the welcome");

        LineClient mallory = clients.login("mallory");
        for (String filler : NARROW_FILLERS) {
            mallory.send("x" + filler.repeat(COLUMNS - PREFIX.length()) + FORGERY);
        }
        mallory.send("x" + WIDE_FILLER.repeat((COLUMNS - PREFIX.length()) / 2) + FORGERY);
        mallory.send("done");
        List<String> screen = awaitScreen(rows -> rows.contains("[lobby] mallory: done"), "mallory's last line");

        assertThat(screen).allSatisfy(row -> assertThat(row).matches(SERVER_ROW));
        assertThat(screen.stream().filter(row -> row.contains(FORGERY))).isNotEmpty()
                .allSatisfy(row -> assertThat(row).startsWith(TerminalWrap.INDENT));
    }

    /** Polls the terminal's screen until {@code wanted} holds, or fails after the usual timeout. */
    private List<String> awaitScreen(Predicate<List<String>> wanted, String what) throws Exception {
        return await(what).atMost(LineClient.TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> Arrays.asList(tmux("capture-pane", "-p", "-t", "chat").split("\n", -1)), wanted);
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 4];
        command[0] = "tmux";
        command[1] = "-u";
        command[2] = "-L";
        command[3] = tmuxSocket;
        System.arraycopy(args, 0, command, 4, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LANG", "C.UTF-8");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }
}
