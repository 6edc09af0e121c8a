package roomchat.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisCommandExecutionException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.broker.Broker;

/** The node's link to a real Redis: scripts, failures while Redis is gone, reconnects, and a Redis that lost its data. */
class RedisLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RedisProcess redis = RedisProcess.launch();
    private final RedisLink link = RedisLink.connect(redis.uri(), "n1");
    /** What the link's listeners reported, in order. */
    private final Queue<String> happened = new ConcurrentLinkedQueue<>();

    RedisLinkTest() {
        link.onUp(() -> happened.add("up"));
        link.onDown(() -> happened.add("down"));
        link.onReset(() -> happened.add("reset"));
    }

    @AfterEach
    void stop() {
        link.close();
        redis.close();
    }

    private static <T> T result(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Throwable failureOf(CompletionStage<?> stage) throws InterruptedException {
        try {
            stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the stage neither completed nor failed", e);
        }
        throw new AssertionError("the stage completed");
    }

    @Test
    void runsAScriptAndPassesItsDeliberateErrors() throws Exception {
        LuaScript echo = link.script("echo");

        assertThat(result(echo.eval(List.of("k"), List.of("v")))).isEqualTo(List.of("k", "v", 42L));
        assertThat(failureOf(echo.eval(List.of("k"), List.of("fail"))))
                .isInstanceOf(RedisCommandExecutionException.class)
                .hasMessageStartingWith(RedisFailures.DELIBERATE_PREFIX);
    }

    @Test
    void sendsTheScriptAgainWhenRedisForgotIt() throws Exception {
        LuaScript echo = link.script("echo");
        result(echo.eval(List.of("k"), List.of("v")));
        result(link.commands().scriptFlush());

        assertThat(result(echo.eval(List.of("k"), List.of("again")))).isEqualTo(List.of("k", "again", 42L));
    }

    @Test
    void failsAtOnceWithUnavailableWhileRedisIsDown() throws Exception {
        redis.stop();
        await().atMost(WAIT).until(() -> !link.up());

        long start = System.nanoTime();
        Throwable script = failureOf(link.script("echo").eval(List.of("k"), List.of("v")));
        Throwable command = failureOf(RedisFailures.guard(link.commands().get("k")));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(script).isInstanceOf(Broker.Unavailable.class);
        assertThat(command).isInstanceOf(Broker.Unavailable.class);
        assertThat(took).isLessThan(RedisLink.COMMAND_TIMEOUT);
        assertThat(happened).containsExactly("down");
    }

    @Test
    void comesBackUpAfterARestartThatKeptTheData() throws Exception {
        result(link.commands().set("kept", "yes"));
        redis.stop();
        await().atMost(WAIT).until(() -> happened.contains("down"));
        redis.start();

        await().atMost(WAIT).until(link::up);
        assertThat(happened).containsExactly("down", "up");
        assertThat(link.reconnects()).isEqualTo(1);
        assertThat(result(link.commands().get("kept"))).isEqualTo("yes");
        assertThat(result(link.script("echo").eval(List.of("k"), List.of("v")))).isEqualTo(List.of("k", "v", 42L));
    }

    @Test
    void tellsWhenRedisLostItsData() throws Exception {
        result(link.commands().flushall());
        redis.stop();
        redis.start();

        await().atMost(WAIT).until(() -> happened.contains("up"));
        assertThat(happened).containsExactly("down", "reset", "up");
    }

    @Test
    void routesProbesNodeMessagesAndRoomMessages() throws Exception {
        Queue<String> heard = new ConcurrentLinkedQueue<>();
        link.onNodeMessage(message -> heard.add("node " + message));
        link.onProbe(message -> heard.add("probe: " + message));
        link.onMessage((channel, message) -> heard.add(channel + " " + message));
        result(link.subscribe("rc:room:games"));

        result(link.commands().publish(RedisKeys.nodeChannel("n1"), "hello"));
        result(link.commands().publish(RedisKeys.nodeChannel("n1"), "probe 7"));
        result(link.commands().publish("rc:room:games", "1 2 {}"));

        await().atMost(WAIT).until(() -> heard.size() == 3);
        assertThat(heard).containsExactly("node hello", "probe: probe 7", "rc:room:games 1 2 {}");
    }

    @Test
    void measuresTheRoundTrip() {
        await().atMost(WAIT).until(() -> link.roundTripMicros() > 0);
    }
}
