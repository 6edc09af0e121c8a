package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Silent connections are closed: before a name is chosen by a deadline from the session's start
 * that no line puts off, after the idle timeout once named; on the HTTP port, a connection that
 * sends no complete request in time gets 408.
 */
class TimeoutsEndToEndTest {

    private static final long NAME_TIMEOUT_MS = 800;
    private static final long REQUEST_TIMEOUT_MS = 800;
    private static final String NO_NAME = "* disconnected: no name chosen in 800ms";
    /** Well past the deadlines, well short of the client's own timeout: a connection still open then was kept alive. */
    private static final long TOO_LATE_MS = 3_000;

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        config.nameTimeout = Duration.ofMillis(NAME_TIMEOUT_MS);
        config.idleTimeout = Duration.ofMillis(1500);
        config.httpRequestTimeout = Duration.ofMillis(REQUEST_TIMEOUT_MS);
    });

    private final Clients clients = new Clients(server);
    /** Paces what a slow client sends. */
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void disconnect() throws IOException {
        pacer.shutdownNow();
        clients.close();
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Test
    void aConnectionWithoutANameIsClosedAfterTheNameTimeout() throws Exception {
        LineClient silent = clients.connect();
        silent.await(LineClient.PROMPT);
        silent.await(NO_NAME);
        silent.awaitEnd();
    }

    @Test
    void badNamesEvery200msDoNotPutOffTheNameDeadline() throws Exception {
        long start = System.nanoTime();
        LineClient client = clients.connect();
        client.await(LineClient.PROMPT);
        long toldAfter = -1;
        while (toldAfter < 0 && millisSince(start) < TOO_LATE_MS) {
            try {
                client.send("no/such/name");
            } catch (IOException closed) {
                break;
            }
            // The answer (an error and the prompt again), then 200 ms of quiet before the next bad name.
            for (String line = client.poll(Duration.ofMillis(200)); line != null; line = client.poll(Duration.ofMillis(200))) {
                if (line.equals(NO_NAME)) {
                    toldAfter = millisSince(start);
                }
            }
        }
        if (toldAfter < 0) {
            client.await(NO_NAME);
            toldAfter = millisSince(start);
        }
        client.awaitEnd();
        assertThat(toldAfter).isBetween(NAME_TIMEOUT_MS, TOO_LATE_MS);
    }

    @Test
    void aWebSocketThatNeverChoosesANameIsClosedByTheNameDeadline() throws Exception {
        LineClient web = clients.keep(LineClient.webSocket(
                URI.create("ws://127.0.0.1:" + server.server().httpAddress().getPort() + "/ws"), null));
        long start = System.nanoTime();
        web.await(LineClient.PROMPT);
        web.await(NO_NAME);
        assertThat(millisSince(start)).isLessThan(TOO_LATE_MS);
        web.awaitEnd();
    }

    @Test
    void aRequestHeadTrickledAByteAtATimeGets408AtTheDeadline() throws Exception {
        byte[] head = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(300) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        AtomicInteger sent = new AtomicInteger();
        long start = System.nanoTime();
        try (RawClient slow = RawClient.connect(server.server().httpAddress())) {
            pacer.scheduleAtFixedRate(() -> {
                int next = sent.getAndIncrement();
                if (next < head.length) {
                    try {
                        slow.send(new byte[] {head[next]});
                    } catch (IOException closed) {
                        throw new IllegalStateException(closed);
                    }
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            assertThat(slow.readResponseHead()).startsWith("HTTP/1.1 408 Request Timeout");
            assertThat(millisSince(start)).isBetween(REQUEST_TIMEOUT_MS - 100, TOO_LATE_MS);
            slow.awaitEnd();
        }
    }

    @Test
    void aConnectionThatSendsNothingGets408AtTheDeadline() throws Exception {
        long start = System.nanoTime();
        try (RawClient silent = RawClient.connect(server.server().httpAddress())) {
            assertThat(silent.readResponseHead()).startsWith("HTTP/1.1 408 Request Timeout");
            assertThat(millisSince(start)).isBetween(REQUEST_TIMEOUT_MS - 100, TOO_LATE_MS);
            silent.awaitEnd();
        }
    }

    @Test
    void aKeptAliveConnectionHasTheWholeDeadlineForItsNextRequest() throws Exception {
        try (RawClient client = RawClient.connect(server.server().httpAddress())) {
            // The first request comes late in the first deadline, so that an unrenewed one would pass soon after.
            pacer.schedule(() -> {
                client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                return null;
            }, REQUEST_TIMEOUT_MS / 2, TimeUnit.MILLISECONDS).get(LineClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(client.readResponse()).startsWith("HTTP/1.1 200");
            long answered = System.nanoTime();
            assertThat(client.readResponseHead()).startsWith("HTTP/1.1 408 Request Timeout");
            assertThat(millisSince(answered)).isBetween(REQUEST_TIMEOUT_MS - 200, TOO_LATE_MS);
            client.awaitEnd();
        }
    }

    /** Waits for a line while sending a harmless command now and then, so that the waiter itself is never idle. */
    private static void awaitWhileActive(LineClient client, String expected) throws Exception {
        long deadline = System.nanoTime() + LineClient.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            client.send(":cr lobby");
            for (String line = client.poll(Duration.ofMillis(300)); line != null; line = client.poll(Duration.ofMillis(300))) {
                if (line.equals(expected)) {
                    return;
                }
            }
        }
        throw new AssertionError("no " + expected);
    }

    @Test
    void anIdleMemberIsClosedAndItsRoomTold() throws Exception {
        LineClient idle = clients.login("idle");
        LineClient watcher = clients.connect();
        watcher.await(LineClient.PROMPT);
        watcher.send("watcher");
        // The watcher keeps busy from now on: named just after idle, it would time out just after it.
        awaitWhileActive(watcher, "[lobby] -- idle has left");
        idle.await("* disconnected: idle for 1500ms");
        idle.awaitEnd();
        // The name is free again.
        LineClient again = clients.connect();
        again.await(LineClient.PROMPT);
        again.send("idle");
        again.await(line -> line.startsWith("* you are in lobby"), "the welcome");
    }
}
