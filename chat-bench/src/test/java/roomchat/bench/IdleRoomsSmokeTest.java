package roomchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.redis.RedisProcess;
import roomchat.server.ChatServer;

/**
 * Keeps the idle workload's shape working at a tiny scale: connections in rooms of 50, on this server
 * (made with {@code :n}, joined with {@code :cr}) and on a real redis-server (SUBSCRIBEd, 50 to a
 * channel). It measures nothing. The Redis half is skipped where Debian's redis-server is missing.
 */
class IdleRoomsSmokeTest {

    /** Two full rooms and a partly filled third. */
    private static final int CONNECTIONS = 120;
    private static final Duration SHORT_HOLD = Duration.ofMillis(200);
    /** Long enough to see every subscription while the connections are held. */
    private static final Duration REDIS_HOLD = Duration.ofSeconds(3);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ClientTransport transport = new ClientTransport(2);
    private ChatServer server;

    @AfterEach
    void stop() {
        transport.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyChatUserGetsIntoItsRoomOfFifty() throws Exception {
        server = new ChatServer(LoadToolServers.config());
        InetSocketAddress address = server.start();

        // The run completes only once every user read "* you are in room<i>": each room made, then joined.
        IdleRun.IdleResult result = IdleRun.onChatServer(address, transport.group, transport.channelType,
                new ProcessProbe(ProcessHandle.current().pid()), null).run(CONNECTIONS, SHORT_HOLD);

        assertThat(result.workload()).isEqualTo("idle " + CONNECTIONS);
        assertThat(result.connections()).isEqualTo(CONNECTIONS);
        assertThat(result.rssAfterKiB()).isPositive();
    }

    @Test
    void redisHoldsFiftySubscribersToEachRoomsChannel() throws Exception {
        assumeTrue(Files.isExecutable(RedisProcess.REDIS_SERVER), "needs " + RedisProcess.REDIS_SERVER);
        try (RedisProcess redis = RedisProcess.launchWithoutPersistence()) {
            ReferenceComparison.prepareForIdle(redis.port(), CONNECTIONS);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", redis.port());
            CompletableFuture<IdleRun.IdleResult> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return IdleRun.onRedis(address, redis.pid(), transport.group, transport.channelType)
                            .run(CONNECTIONS, REDIS_HOLD);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            List<String> counts = List.of();
            while (!run.isDone() && !counts.equals(List.of("room0", "50", "room1", "50", "room2", "20"))) {
                counts = numsub(redis.port(), "room0", "room1", "room2");
                LockSupport.parkNanos(POLL_NANOS);
            }
            assertThat(counts).containsExactly("room0", "50", "room1", "50", "room2", "20");
            IdleRun.IdleResult result = run.get(60, TimeUnit.SECONDS);
            assertThat(result.workload()).isEqualTo("idle [Redis pub/sub] " + CONNECTIONS);
            assertThat(result.rssAfterKiB()).isPositive();
        }
    }

    @Test
    void theIdleReferenceRaisesRedisClientLimitAndGoesInTheTable() throws Exception {
        assumeTrue(Files.isExecutable(RedisProcess.REDIS_SERVER), "needs " + RedisProcess.REDIS_SERVER);
        IdleRun.IdleResult redis = ReferenceComparison.idleOnRedis(CONNECTIONS, SHORT_HOLD, transport);
        assertThat(redis.connections()).isEqualTo(CONNECTIONS);

        IdleRun.IdleResult server = new IdleRun.IdleResult("idle 120", CONNECTIONS, 1000, 1480, 4.0, 0.01, 10);
        IdleRun.IdleResult reference = new IdleRun.IdleResult("idle [Redis pub/sub] 120", CONNECTIONS, 1000, 1240, 2.0,
                0.0, 10);
        ReferenceComparison.IdleComparison idle = ReferenceComparison.IdleComparison.of("idle 120", server, reference);
        assertThat(idle.memoryRatio()).isEqualTo(2.0);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ReferenceComparison.print(List.of(), List.of(idle), "roomchat", 3,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("| idle 120 | resident memory per connection (rooms of 50) | 4.00 KiB | 2.00 KiB | 2.00 |");
    }

    /** PUBSUB NUMSUB over a plain socket: channel, count, channel, count... */
    private static List<String> numsub(int port, String... channels) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("PUBSUB NUMSUB " + String.join(" ", channels) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            int parts = Integer.parseInt(in.readLine().substring(1));
            List<String> reply = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                String line = in.readLine();
                if (line.startsWith("$")) {
                    line = in.readLine();
                } else {
                    line = line.substring(1);
                }
                reply.add(line);
            }
            return reply;
        }
    }
}
