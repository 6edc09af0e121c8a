package roomchat.core.text;

/**
 * Makes user text safe to show on other users' terminals. nc users' terminals obey control
 * characters and escape sequences, so without this one user could clear another's screen, retitle
 * the window, ring the bell, move the cursor, or reverse text with bidi overrides.
 *
 * <p>Removed: C0 controls (U+0000-U+001F; a tab becomes a space), DEL (U+007F), C1 controls
 * (U+0080-U+009F, which include the one-character CSI), and the bidi embeddings, overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069). What remains of an escape sequence is harmless text.
 */
public final class SafeText {

    private SafeText() {
    }

    /** {@code text} without unsafe characters; the same instance when it had none. */
    public static String clean(String text) {
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                safe.append(' ');
            } else if (!isUnsafe(c)) {
                safe.append(c);
            }
        }
        return safe.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isUnsafe(char c) {
        return Character.isISOControl(c)
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
