package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ServerConfig;

/** A user who stops reading costs the others nothing and the server a bounded amount of memory. */
class SlowConsumerEndToEndTest {

    private static final String PADDING = "x".repeat(1000);

    @Nested
    class Dropping {

        private static final int SENDERS = 20;
        private static final int LINES_EACH = 400;
        private static final int CAP = ServerConfig.DEFAULT_MAX_PENDING_OUTPUT_BYTES;

        /**
         * The default cap, and senders at 100 lines/s each, a pace healthy readers keep up with. With
         * no rate at all, a burst from twenty senders could briefly put more than the cap in a healthy
         * reader's queue too.
         */
        @RegisterExtension
        final RunningServer server = new RunningServer(config -> {
            config.slowConsumerTimeout = Duration.ofMinutes(5);
            config.ratePerSecond = 100;
            config.burst = 100;
        });

        private final Clients clients = new Clients(server);
        private final ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);

        @AfterEach
        void disconnect() throws IOException {
            senders.shutdownNow();
            clients.close();
        }

        @Test
        void theOthersGetEverythingAndTheStalledOneDoesNotFindItAllWaiting() throws Exception {
            LineClient stalled = clients.keep(LineClient.connectPaused(server.address(), 4096));
            stalled.send("stalled");
            List<LineClient> others = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                others.add(clients.login("s" + i));
            }
            await().atMost(LineClient.TIMEOUT).until(() -> server.server().registry().memberCount() == SENDERS + 1);

            CountDownLatch allSent = new CountDownLatch(SENDERS);
            for (LineClient sender : others) {
                sendAtRate(sender, allSent);
            }
            assertThat(allSent.await(60, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < SENDERS; i++) {
                assertEverythingInOrder(others.get(i), "s" + i);
            }

            assertThat(server.server().droppedDeliveries()).isPositive();
            assertThat(RunningServer.pendingBytes(server.channelOf(stalled))).isLessThanOrEqualTo(CAP + 64 * 1024);

            stalled.resume();
            Clients.sync(stalled);
            long received = stalled.passed().stream().filter(line -> line.startsWith("[lobby] s")).count();
            assertThat(received).isPositive().isLessThan((long) SENDERS * LINES_EACH);
        }

        /** Sends the sender's lines at 100 a second, on the scheduler; counts down when all are out. */
        private void sendAtRate(LineClient sender, CountDownLatch allSent) {
            AtomicInteger seq = new AtomicInteger();
            AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
            // With a fixed delay, not a fixed rate: a sender thread held up on a busy machine must not catch
            // up in a burst, which the server's flood rule (100 a second) would partly drop.
            task.set(senders.scheduleWithFixedDelay(() -> {
                int next = seq.getAndIncrement();
                if (next >= LINES_EACH) {
                    return;
                }
                try {
                    sender.send(next + " " + PADDING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (next == LINES_EACH - 1) {
                    allSent.countDown();
                    task.get().cancel(false);
                }
            }, 0, 10, TimeUnit.MILLISECONDS));
        }

        private void assertEverythingInOrder(LineClient client, String self) throws InterruptedException {
            int[] next = new int[SENDERS];
            for (int n = 0; n < (SENDERS - 1) * LINES_EACH; n++) {
                String line = client.await(l -> l.startsWith("[lobby] s"), "chat line " + n + " for " + self);
                String[] fields = line.substring("[lobby] s".length()).split("[: ]+");
                int sender = Integer.parseInt(fields[0]);
                assertThat(Integer.parseInt(fields[1])).as(line.substring(0, 30)).isEqualTo(next[sender]++);
            }
        }
    }

    @Nested
    class Disconnecting {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> {
            config.maxPendingOutputBytes = 64 * 1024;
            config.slowConsumerTimeout = Duration.ofSeconds(1);
            config.ratePerSecond = 0;
        });

        private final Clients clients = new Clients(server);

        @AfterEach
        void disconnect() throws IOException {
            clients.close();
        }

        @Test
        void aConsumerThatStaysStalledIsDisconnectedAndItsRoomTold() throws Exception {
            LineClient stalled = clients.keep(LineClient.connectPaused(server.address(), 4096));
            stalled.send("stalled");
            LineClient talker = clients.login("talker");
            await().atMost(LineClient.TIMEOUT).until(() -> server.server().registry().memberCount() == 2);
            for (int seq = 0; seq < 8_000; seq++) {
                talker.send(seq + " " + PADDING);
            }
            // The talker is not sent its own lines, so nothing can crowd the notice out of its queue.
            talker.await("[lobby] -- stalled has left");
            stalled.resume();
            stalled.awaitEnd();
        }
    }
}
