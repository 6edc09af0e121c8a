package roomchat.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void ordinaryTextIsUntouchedAndNotCopied() {
        String text = "héllo, wörld ✓ 中文 עברית";
        assertThat(SafeText.clean(text)).isSameAs(text);
    }

    @Test
    void terminalEscapesLoseTheirControlCharacters() {
        assertThat(SafeText.clean("\u001b[2Jcleared")).isEqualTo("[2Jcleared");
        assertThat(SafeText.clean("\u001b]0;pwned\u0007title")).isEqualTo("]0;pwnedtitle");
        assertThat(SafeText.clean("ding\u0007\u0007")).isEqualTo("ding");
        assertThat(SafeText.clean("\u009b31mred")).isEqualTo("31mred");
        assertThat(SafeText.clean("over\rwrite\bback\u007fdel\u0000nul")).isEqualTo("overwritebackdelnul");
    }

    @Test
    void bidiOverridesAndIsolatesGo() {
        assertThat(SafeText.clean("a\u202ecba\u202c\u2066x\u2069")).isEqualTo("acbax");
    }

    @Test
    void aTabBecomesASpace() {
        assertThat(SafeText.clean("a\tb")).isEqualTo("a b");
    }
}
