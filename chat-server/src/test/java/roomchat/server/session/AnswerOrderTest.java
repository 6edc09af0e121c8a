package roomchat.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import roomchat.core.event.Notice;

/** A connection's answers keep the order of its lines, however long one takes to come. */
class AnswerOrderTest {

    /** Answers "slow" when the test says so, anything else at once, by writing what it answered. */
    private static final class Session extends ChannelInboundHandlerAdapter {
        final List<CompletableFuture<String>> pending = new ArrayList<>();
        /** The line whose answer fills the output: the connection is no longer writable after it. */
        String fillOutputOn;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object line) {
            if (line.equals(fillOutputOn)) {
                ctx.writeAndFlush("answer to " + line);
                ctx.channel().unsafe().outboundBuffer().setUserDefinedWritability(1, false);
                return;
            }
            CompletableFuture<String> answer = new CompletableFuture<>();
            if (line.equals("slow")) {
                pending.add(answer);
            } else {
                answer.complete("answer to " + line);
            }
            AnswerOrder.whenAnswered(ctx, answer, ctx::writeAndFlush);
        }
    }

    private final Session session = new Session();
    private final EmbeddedChannel channel = new EmbeddedChannel(new AnswerOrder(), session);

    @Test
    void linesAfterOneAwaitingItsAnswerWaitForIt() {
        channel.writeInbound("first", "slow", "second", "third");
        assertThat(written()).containsExactly("answer to first");

        session.pending.get(0).complete("answer to slow");
        channel.runPendingTasks();
        assertThat(written()).containsExactly("answer to slow", "answer to second", "answer to third");
    }

    @Test
    void aLineWaitingForTwoSlowAnswersKeepsItsPlace() {
        channel.writeInbound("slow", "slow", "last");
        session.pending.get(0).complete("one");
        channel.runPendingTasks();
        assertThat(written()).containsExactly("one");

        session.pending.get(1).complete("two");
        channel.runPendingTasks();
        assertThat(written()).containsExactly("two", "answer to last");
    }

    @Test
    void linesPastTheBoundAreRefusedNotQueued() {
        channel.writeInbound("slow");
        for (int i = 0; i < AnswerOrder.MAX_WAITING_LINES + 2; i++) {
            channel.writeInbound("line " + i);
        }
        assertThat(written()).hasSize(2).allMatch(Notice.Error.class::isInstance);

        session.pending.get(0).complete("done");
        channel.runPendingTasks();
        List<Object> answers = written();
        assertThat(answers).hasSize(1 + AnswerOrder.MAX_WAITING_LINES);
        assertThat(answers.get(AnswerOrder.MAX_WAITING_LINES)).isEqualTo("answer to line " + (AnswerOrder.MAX_WAITING_LINES - 1));
    }

    @Test
    void linesWaitWhileTheConnectionIsNotWritableAndGoOnInOrderWhenItDrains() {
        writable(false);
        channel.writeInbound("first", "second");
        assertThat(written()).isEmpty();

        writable(true);
        assertThat(written()).containsExactly("answer to first", "answer to second");
        channel.writeInbound("third");
        assertThat(written()).containsExactly("answer to third");
    }

    @Test
    void linesWaitingForTheConnectionToDrainAreNotRefusedPastTheBound() {
        writable(false);
        for (int i = 0; i < AnswerOrder.MAX_WAITING_LINES + 10; i++) {
            channel.writeInbound("line " + i);
        }
        assertThat(written()).isEmpty();

        writable(true);
        assertThat(written()).hasSize(AnswerOrder.MAX_WAITING_LINES + 10).allMatch(String.class::isInstance);
    }

    @Test
    void anAnswerThatFillsTheOutputHoldsTheLinesAfterIt() {
        session.fillOutputOn = "big";
        channel.writeInbound("big", "after", "later");
        assertThat(written()).containsExactly("answer to big");

        writable(true);
        assertThat(written()).containsExactly("answer to after", "answer to later");
    }

    @Test
    void linesHeldForAnAnswerStillWaitIfTheOutputIsFullWhenItComes() {
        channel.writeInbound("slow", "next");
        writable(false);
        session.pending.get(0).complete("answer to slow");
        channel.runPendingTasks();
        assertThat(written()).containsExactly("answer to slow");

        writable(true);
        assertThat(written()).containsExactly("answer to next");
    }

    /** As the tracker's writability changes look to the handlers above it. */
    private void writable(boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        channel.runPendingTasks();
    }

    private List<Object> written() {
        List<Object> out = new ArrayList<>();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            out.add(message);
        }
        return out;
    }
}
