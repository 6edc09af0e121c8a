package roomchat.server.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.CharsetUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LineToTextFrameEncoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new LineToTextFrameEncoder());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void anAnswerBecomesOneFrame() {
        channel.writeOutbound("* you are now alice");

        assertThat(frames()).containsExactly("* you are now alice");
    }

    @Test
    void aRunOfEncodedLinesBecomesOneFramePerLineWithoutLineEnds() {
        channel.writeOutbound(Unpooled.copiedBuffer("[r] bob: hej\n* carol joined r\n[r] bob: ünïcode\n", CharsetUtil.UTF_8));

        assertThat(frames()).containsExactly("[r] bob: hej", "* carol joined r", "[r] bob: ünïcode");
    }

    private List<String> frames() {
        List<String> texts = new ArrayList<>();
        for (TextWebSocketFrame frame; (frame = channel.readOutbound()) != null; ) {
            texts.add(frame.text());
            frame.release();
        }
        return texts;
    }
}
