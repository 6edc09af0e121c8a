package roomchat.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static roomchat.testing.Stages.done;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.event.Notice;
import roomchat.core.room.Member;
import roomchat.core.room.NameChange;
import roomchat.server.ServerConfig;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.Connections;
import roomchat.server.tcp.PipelineHarness;

/**
 * One event loop's idle watch over several chatting sessions, each on a channel of its own: the
 * watch's clock and task are those of one more channel, whose time the test moves.
 */
class IdleWatchTest {

    private static final long LIMIT_NANOS = Duration.ofSeconds(10).toNanos();

    private final PipelineHarness harness = new PipelineHarness(64);
    /** The sessions' own idle limit is none: the test's watch is the only one over them. */
    private final SessionHandlers shared = new SessionHandlers(harness.service, noIdleLimit(), new LongAdder(), harness::portOf);
    private final EmbeddedChannel clock = new EmbeddedChannel();
    private final IdleWatch watch;
    private final Map<ChatSessionHandler, EmbeddedChannel> channels = new HashMap<>();

    IdleWatchTest() {
        clock.freezeTime();
        watch = new IdleWatch(clock.eventLoop(), LIMIT_NANOS);
    }

    @AfterEach
    void close() {
        channels.values().forEach(EmbeddedChannel::finishAndReleaseAll);
        clock.finishAndReleaseAll();
        harness.close();
        // Room lines the dispatcher's thread handed to the sessions' loops after they finished.
        channels.values().forEach(EmbeddedChannel::runPendingTasks);
    }

    /** A chatting session of its own on a new channel, not yet watched (its own limit is none). */
    private ChatSessionHandler session(String name) {
        EmbeddedChannel channel = new EmbeddedChannel();
        Member member = ((NameChange.Claimed) done(harness.registry.claim(name, harness.portOf(channel),
                InetAddress.getLoopbackAddress()))).moved().member();
        ChatSessionHandler session = new ChatSessionHandler(shared, member);
        channel.pipeline().addLast(session);
        channels.put(session, channel);
        return session;
    }

    private static ServerConfig noIdleLimit() {
        ServerConfig config = ServerConfig.defaults();
        config.idleTimeout = Duration.ZERO;
        return config;
    }

    private void advanceSeconds(long seconds) {
        clock.advanceTimeBy(seconds, TimeUnit.SECONDS);
        clock.runPendingTasks();
    }

    private boolean open(ChatSessionHandler session) {
        EmbeddedChannel channel = channelOf(session);
        channel.runPendingTasks();
        return channel.isOpen();
    }

    private EmbeddedChannel channelOf(ChatSessionHandler session) {
        return channels.get(session);
    }

    @Test
    void sessionsGoIdleInTheOrderOfTheirLastInput() {
        ChatSessionHandler alice = session("alice");
        ChatSessionHandler bob = session("bob");
        ChatSessionHandler carol = session("carol");
        watch.start(alice);
        advanceSeconds(1);
        watch.start(bob);
        advanceSeconds(1);
        watch.start(carol);
        advanceSeconds(3);
        watch.input(alice);

        // At 10 s, alice's first limit: she had input since, and bob is the oldest now.
        advanceSeconds(5);
        assertThat(open(alice)).isTrue();
        assertThat(open(bob)).isTrue();

        advanceSeconds(1);
        assertThat(open(bob)).isFalse();
        assertThat((Object) channelOf(bob).readOutbound()).isInstanceOf(Notice.Goodbye.class);
        assertThat(Connections.closeReason(channelOf(bob))).isEqualTo(CloseReason.IDLE);
        assertThat(open(carol)).isTrue();

        advanceSeconds(1);
        assertThat(open(carol)).isFalse();

        advanceSeconds(2);
        assertThat(open(alice)).isTrue();
        advanceSeconds(1);
        assertThat(open(alice)).isFalse();
    }

    @Test
    void anInputFromTheNewestChangesNothingAndOneFromTheMiddleMovesItLast() {
        ChatSessionHandler alice = session("alice");
        ChatSessionHandler bob = session("bob");
        ChatSessionHandler carol = session("carol");
        watch.start(alice);
        watch.start(bob);
        watch.start(carol);
        advanceSeconds(4);
        watch.input(carol);
        watch.input(bob);

        advanceSeconds(6);
        assertThat(open(alice)).isFalse();
        assertThat(open(bob)).isTrue();
        assertThat(open(carol)).isTrue();

        advanceSeconds(4);
        assertThat(open(carol)).isFalse();
        assertThat(open(bob)).isFalse();
    }

    @Test
    void aStoppedSessionIsNotClosedAndTheLastOneStoppedLeavesNoTask() {
        ChatSessionHandler alice = session("alice");
        ChatSessionHandler bob = session("bob");
        watch.start(alice);
        watch.start(bob);
        watch.stop(alice);
        watch.stop(alice);

        advanceSeconds(10);
        assertThat(open(alice)).isTrue();
        assertThat(open(bob)).isFalse();

        watch.start(alice);
        watch.stop(alice);
        assertThat(clock.runScheduledPendingTasks()).isEqualTo(-1);
        advanceSeconds(60);
        assertThat(open(alice)).isTrue();
    }
}
