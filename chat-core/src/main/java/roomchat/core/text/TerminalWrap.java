package roomchat.core.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * Cuts a line into rows no wider than a terminal, so that the terminal never wraps it itself: a
 * row a terminal wrapped would begin with whatever the user typed there (spaces as filler, then
 * {@code ! you are muted}), and would pass for a line of its own. Every row after the first begins
 * with {@link #INDENT}, which no line of the server's begins with.
 *
 * <p>Widths are counted so as never to be under what a terminal shows: East Asian wide and
 * full-width characters take two columns, a character followed by the emoji variation selector
 * U+FE0F is counted as two, and every other character (combining marks and invisible ones
 * included) as one. Over-counting only makes rows shorter. Stateless and thread-safe.
 */
public final class TerminalWrap {

    /** What every continuation row begins with. */
    public static final String INDENT = "    ";

    /** The narrowest width that leaves a continuation row room for text. */
    public static final int MIN_WIDTH = 20;

    /** No character before U+1100 (Hangul Jamo) is East Asian wide: most text needs no look-up. */
    private static final int FIRST_WIDE = 0x1100;
    private static final int VARIATION_SELECTORS = 0xfe00;
    private static final int EMOJI_PRESENTATION = 0xfe0f;
    private static final int ZERO_WIDTH_JOINER = 0x200d;
    private static final int SKIN_TONES = 0x1f3fb;
    private static final int SKIN_TONES_END = 0x1f3ff;

    private TerminalWrap() {
    }

    /** Whether {@code line} fits in {@code width} columns; a quick test first, since most lines are short. */
    public static boolean fits(String line, int width) {
        // No character takes more than two columns, so a line this short fits without counting.
        return line.length() * 2L <= width || columns(line, 0, line.length()) <= width;
    }

    /**
     * {@code line} as rows of at most {@code width} columns joined by {@code \n} and {@link #INDENT}:
     * broken after the last space that fits if that is past the row's middle, else after the last
     * character that fits. The space stays at the end of its row, so a client gets the line back by
     * dropping each {@code \n} and {@link #INDENT}. The same instance when it fits already.
     */
    public static String wrap(String line, int width) {
        if (fits(line, width)) {
            return line;
        }
        StringBuilder rows = new StringBuilder(line.length() + 2 * INDENT.length() * (1 + line.length() / width));
        int limit = width;
        int rowStart = 0;
        int lastSpace = -1;
        int used = 0;
        int i = 0;
        while (i < line.length()) {
            int end = clusterEnd(line, i);
            int columns = columns(line, i, end);
            if (columns > limit) {
                // Joiners can glue any number of characters into one "cluster": one wider than a
                // row is cut between its code points like any text.
                end = i + Character.charCount(line.codePointAt(i));
                columns = columns(line, i, end);
            }
            if (used + columns > limit && used > 0) {
                // A space early in the row would leave it mostly empty: break in the word instead.
                int next = lastSpace - rowStart > limit / 2 ? lastSpace + 1 : i;
                rows.append(line, rowStart, next).append('\n').append(INDENT);
                rowStart = next;
                i = next;
                limit = width - INDENT.length();
                lastSpace = -1;
                used = 0;
                continue;
            }
            if (line.charAt(i) == ' ') {
                lastSpace = i;
            }
            used += columns;
            i = end;
        }
        return rows.append(line, rowStart, line.length()).toString();
    }

    /**
     * Where the character at {@code start} ends, with what a terminal draws on top of or joined to it
     * (combining marks, variation selectors, skin tones, a zero-width joiner and what it joins): a row
     * never breaks inside one.
     */
    private static int clusterEnd(String line, int start) {
        int end = start + Character.charCount(line.codePointAt(start));
        while (end < line.length()) {
            int next = line.codePointAt(end);
            if (next == ZERO_WIDTH_JOINER && end + 1 < line.length()) {
                end += 1;
                end += Character.charCount(line.codePointAt(end));
            } else if (extendsCharacter(next)) {
                end += Character.charCount(next);
            } else {
                break;
            }
        }
        return end;
    }

    private static boolean extendsCharacter(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || (codePoint >= VARIATION_SELECTORS && codePoint <= EMOJI_PRESENTATION)
                || (codePoint >= SKIN_TONES && codePoint <= SKIN_TONES_END);
    }

    private static int columns(String text, int from, int to) {
        int total = 0;
        for (int i = from; i < to; ) {
            int codePoint = text.codePointAt(i);
            total += columns(codePoint);
            i += Character.charCount(codePoint);
        }
        return total;
    }

    /** Columns one code point takes; U+FE0F counts the one its emoji may add to the character before it. */
    private static int columns(int codePoint) {
        if (codePoint < FIRST_WIDE || codePoint == EMOJI_PRESENTATION) {
            return 1;
        }
        int width = UCharacter.getIntPropertyValue(codePoint, UProperty.EAST_ASIAN_WIDTH);
        return width == UCharacter.EastAsianWidth.WIDE || width == UCharacter.EastAsianWidth.FULLWIDTH ? 2 : 1;
    }
}
