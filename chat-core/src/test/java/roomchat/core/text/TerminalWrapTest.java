package roomchat.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TerminalWrapTest {

    private static final int WIDTH = 80;

    @Test
    void aLineThatFitsIsLeftAlone() {
        String line = "[lobby] bob: " + "x".repeat(WIDTH - 13);
        assertThat(TerminalWrap.wrap(line, WIDTH)).isSameAs(line);
    }

    @Test
    void aLongLineBreaksAtTheLastSpaceThatFitsAndContinuesIndented() {
        String line = "[lobby] bob: " + "word ".repeat(30).strip();
        String[] rows = TerminalWrap.wrap(line, WIDTH).split("\n");
        assertThat(rows).hasSizeGreaterThan(1);
        assertThat(rows[0]).startsWith("[lobby] bob: ").endsWith("word ");
        assertThat(Arrays.stream(rows).skip(1)).allSatisfy(row -> assertThat(row).startsWith("    word"));
        assertThat(unwrap(rows)).isEqualTo(line);
    }

    /**
     * The forgery the wrap defeats: filler that takes a terminal's whole first row, so that the user's
     * own text would begin the second row. Whatever the filler, every row fits and a row after the
     * first starts with the server's indent.
     */
    @ParameterizedTest
    @ValueSource(strings = {" ", ".", "\u00a0", "\u4e00", "\u3000", "\uff01", "e\u0301", "\u263a\ufe0f", "\ud83d\ude00",
            "\u200d.", "\u200d!\u200d \u200d", "a\ud83c\udffb\ud83c\udffb\ud83c\udffb", "\u200b"})
    void noRowAfterTheFirstBeginsWithWhatTheUserTyped(String filler) {
        String line = "[lobby] bob: " + filler.repeat(200) + "! you are muted";
        String[] rows = TerminalWrap.wrap(line, WIDTH).split("\n");
        assertThat(rows).allSatisfy(row -> assertThat(shownWidth(row)).isLessThanOrEqualTo(WIDTH));
        assertThat(Arrays.stream(rows).skip(1)).allSatisfy(row -> assertThat(row).startsWith(TerminalWrap.INDENT));
        assertThat(unwrap(rows)).isEqualTo(line);
    }

    /** The documented way back to the line: drop each line end and the indent after it. */
    private static String unwrap(String[] rows) {
        StringBuilder line = new StringBuilder(rows[0]);
        Arrays.stream(rows).skip(1).forEach(row -> line.append(row.substring(TerminalWrap.INDENT.length())));
        return line.toString();
    }

    @Test
    void wideCharactersCountTwoColumns() {
        String line = "\u4e00".repeat(41);
        String[] rows = TerminalWrap.wrap(line, WIDTH).split("\n");
        assertThat(rows[0]).isEqualTo("\u4e00".repeat(40));
        assertThat(rows[1]).isEqualTo(TerminalWrap.INDENT + "\u4e00");
    }

    /** Columns as a terminal shows them, counted independently: wide, full-width and emoji take two. */
    private static int shownWidth(String row) {
        return row.codePoints().map(cp -> cp == 0x301 || cp == 0xfe0f ? 0
                : Character.UnicodeBlock.of(cp) == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS
                        || cp == 0x3000 || (cp >= 0xff01 && cp <= 0xff60) || cp >= 0x1f300 || cp == 0x263a ? 2 : 1).sum();
    }
}
