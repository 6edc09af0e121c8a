package roomchat.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import roomchat.core.command.Command;
import roomchat.core.command.Input;
import roomchat.server.PipelineNames;

/** The bottom of the TCP pipeline: bytes to lines to inputs, with the session taken out. */
class TcpFramingTest {

    private static final int MAX_LINE = 16;

    private final PipelineHarness harness = new PipelineHarness(MAX_LINE);

    @BeforeEach
    void keepOnlyTheDecoders() {
        harness.channel.pipeline().remove(PipelineNames.SESSION);
        harness.sent();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private List<Input> inputs() {
        List<Input> inputs = new ArrayList<>();
        for (Object in = harness.channel.readInbound(); in != null; in = harness.channel.readInbound()) {
            inputs.add((Input) in);
        }
        return inputs;
    }

    @Test
    void linesEndWithLfOrCrLf() {
        harness.receive("hello\nworld\r\n");
        assertThat(inputs()).containsExactly(new Input.ChatText("hello"), new Input.ChatText("world"));
    }

    @Test
    void aLineMayArriveInPiecesAndSeveralInOneRead() {
        harness.receive("hel");
        assertThat(inputs()).isEmpty();
        harness.receive("lo\n:cr ga");
        harness.receive("mes\n");
        assertThat(inputs()).containsExactly(new Input.ChatText("hello"), new Command.ChangeRoom("games", java.util.Optional.empty()));
    }

    @Test
    void aLineInManyPiecesArrivesWhole() {
        harness.receive("he");
        harness.receive("l");
        harness.receive("lo wor");
        harness.receive("ld\r");
        assertThat(inputs()).isEmpty();
        harness.receive("\n");
        assertThat(inputs()).containsExactly(new Input.ChatText("hello world"));
    }

    @Test
    void aLineThatPassesTheLimitOnlyWithItsLastPieceFailsAtItsEndAndTheNextPasses() {
        harness.receive("y".repeat(MAX_LINE - 6));
        assertThatThrownBy(() -> harness.receive("y".repeat(10) + "\nnext\n"))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(inputs()).containsExactly(new Input.ChatText("next"));
    }

    @Test
    void aCharacterSplitBetweenReadsIsDecodedWhole() {
        byte[] bytes = "ök ✓\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        harness.receive(java.util.Arrays.copyOfRange(bytes, 0, 1));
        harness.receive(java.util.Arrays.copyOfRange(bytes, 1, bytes.length));
        assertThat(inputs()).containsExactly(new Input.ChatText("ök ✓"));
    }

    @Test
    void invalidUtf8BecomesTheReplacementCharacter() {
        harness.receive(new byte[] {'a', (byte) 0xff, 'b', '\n'});
        assertThat(inputs()).containsExactly(new Input.ChatText("a\uFFFDb"));
    }

    @Test
    void blankLinesGoNoFurther() {
        harness.receive("\n \n\t\r\nx\n");
        assertThat(inputs()).containsExactly(new Input.ChatText("x"));
    }

    @Test
    void aLineOfExactlyTheLimitPasses() {
        harness.receive("x".repeat(MAX_LINE) + "\n");
        assertThat(inputs()).containsExactly(new Input.ChatText("x".repeat(MAX_LINE)));
    }

    @Test
    void aLineOfExactlyTheLimitPassesWithCrLfInOneRead() {
        harness.receive("x".repeat(MAX_LINE) + "\r\n");
        assertThat(inputs()).containsExactly(new Input.ChatText("x".repeat(MAX_LINE)));
    }

    @Test
    void aLineOfExactlyTheLimitPassesWhenItsCrAndLfArriveInSeparateReads() {
        harness.receive("x".repeat(MAX_LINE) + "\r");
        assertThat(inputs()).isEmpty();
        harness.receive("\n");
        assertThat(inputs()).containsExactly(new Input.ChatText("x".repeat(MAX_LINE)));
    }

    @Test
    void aLongerLineFailsOnceAndIsSkippedToItsEnd() {
        // The framer keeps one byte of slack for a \r whose \n is still on its way; one more fails at once.
        assertThatThrownBy(() -> harness.receive("y".repeat(MAX_LINE + 2)))
                .isInstanceOf(TooLongFrameException.class);
        harness.receive("y".repeat(100));
        harness.receive("yyy\nnext\n");
        assertThat(inputs()).containsExactly(new Input.ChatText("next"));
    }

    @Test
    void aLineOneByteOverTheLimitFailsAtItsLineEndAndTheLinesAfterItInTheSameReadPass() {
        assertThatThrownBy(() -> harness.receive("y".repeat(MAX_LINE + 1) + "\nnext\n"))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(inputs()).containsExactly(new Input.ChatText("next"));
    }

    @Test
    void aLineOneByteOverTheLimitFailsEvenWithItsCrAndLfInSeparateReads() {
        harness.receive("y".repeat(MAX_LINE) + "y");
        assertThatThrownBy(() -> harness.receive("\r")).isInstanceOf(TooLongFrameException.class);
        harness.receive("\nnext\n");
        assertThat(inputs()).containsExactly(new Input.ChatText("next"));
    }
}
