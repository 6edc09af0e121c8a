package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.core.text.TerminalWrap;

/**
 * A user's own answers count against its output cap: a burst of commands in one packet from a user
 * who does not read stops being handled once its output is over the cap, and resumes, losing
 * nothing, when it reads again. Long answers come a page at a time.
 */
class OutputBoundsEndToEndTest {

    private static final int CAP = 64 * 1024;
    /** More than any one answer can be: a page of rooms with their topics cut short. */
    private static final int LARGEST_ANSWER = 16 * 1024;
    private static final int ROOMS = 30;
    private static final int BURST = 400;

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        config.maxPendingOutputBytes = CAP;
        config.slowConsumerTimeout = Duration.ofMinutes(5);
        config.ratePerSecond = 0;
    });

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    @Test
    void aBurstOfCommandsFromAUserWhoDoesNotReadStopsAtTheCapAndLosesNothing() throws Exception {
        createRoomsWithLongTopics(ROOMS);
        LineClient attacker = clients.keep(LineClient.connectPaused(server.address(), 4096));
        attacker.sendRaw(nameAndListings("mallory", BURST));

        Channel channel = await().atMost(Duration.ofSeconds(20))
                .until(() -> server.channelOf(attacker), c -> c != null && !c.isWritable());
        LineClient bob = clients.login("bob");
        Clients.sync(bob);
        assertThat(RunningServer.pendingBytes(channel)).isLessThanOrEqualTo(CAP + LARGEST_ANSWER);

        attacker.resume();
        for (int i = 0; i < BURST; i++) {
            attacker.await("* rooms (" + (ROOMS + 1) + "):");
        }
    }

    @Test
    void longListsComeAPageAtATime() throws Exception {
        createRoomsWithLongTopics(ROOMS + 5);
        LineClient alice = clients.login("alice");
        alice.send(":rooms");
        alice.await("* rooms (" + (ROOMS + 6) + "):");
        String entry = alice.await(line -> line.startsWith("*   r0: "), "a room with a long topic");
        String continued = alice.await(line -> line.startsWith(TerminalWrap.INDENT), "the entry's second row");
        assertThat(continued).endsWith("\u2026");
        assertThat(entry.length() + continued.strip().length()).isLessThan(120);
        alice.await("* page 1 of 2 (:rooms 2 for the next)");
        alice.send(":rooms 2");
        alice.await("* rooms (" + (ROOMS + 6) + "):");
        alice.await("* page 2 of 2");
        alice.send(":rooms 3");
        alice.await("! no page 3: there are 2");
        alice.send(":who 2");
        alice.await("! no page 2: there is 1");
    }

    private void createRoomsWithLongTopics(int count) throws Exception {
        createRoomsWithLongTopics(clients, server.address(), count);
    }

    /**
     * {@code count} rooms, each with a host (kept in {@code clients}) and a topic of invalid bytes that
     * becomes three times as long on the way out.
     */
    static void createRoomsWithLongTopics(Clients clients, InetSocketAddress server, int count) throws Exception {
        byte[] topic = new byte[1017];
        Arrays.fill(topic, (byte) 0xff);
        for (int i = 0; i < count; i++) {
            LineClient host = clients.keep(LineClient.login(server, "host" + i));
            host.send(":n r" + i);
            host.await("* you are in r" + i + ", nobody else is here");
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            line.writeBytes(":topic ".getBytes(StandardCharsets.UTF_8));
            line.writeBytes(topic);
            line.write('\n');
            host.sendRaw(line.toByteArray());
            String told = "[r" + i + "] -- host" + i + " set the topic";
            host.await(l -> l.startsWith(told), "the topic");
        }
    }

    /** A name, then {@code count} {@code :rooms}, as one packet. */
    static byte[] nameAndListings(String name, int count) {
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        burst.writeBytes((name + "\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < count; i++) {
            burst.writeBytes(":rooms\n".getBytes(StandardCharsets.UTF_8));
        }
        return burst.toByteArray();
    }

}
