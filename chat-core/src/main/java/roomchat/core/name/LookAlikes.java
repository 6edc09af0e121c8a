package roomchat.core.name;

import com.ibm.icu.text.SpoofChecker;
import java.util.List;
import java.util.Locale;

/**
 * When one screen name would pass for another: their confusable skeletons (Unicode TR39, as ICU4J's
 * {@link SpoofChecker} computes them) match. A skeleton maps every character to the one it is
 * commonly mistaken for, so {@code biII} and {@code bill} both become {@code bill}, {@code rnodem}
 * and {@code modem} both {@code rnodern}, {@code 0LGA} and {@code OLGA} both {@code OLGA}.
 *
 * <p>Names are one name whatever their case, so skeletons are compared ignoring case too, and a
 * name counts as spelled and in lower case. Its {@link #skeletons} are the lower-cased skeletons of
 * the name as typed (which keeps {@code I} apart from {@code i}: {@code biII} is {@code bill}) and
 * of its lower-case form (so {@code BILL}, which is {@code bill}, clashes with {@code bilI}). Two
 * names clash when they share one. That also catches {@code 0LGA} against {@code olga}, and
 * {@code b0b} against {@code bob}; {@code Alice} against {@code alice} is the same name
 * ({@link NameRules#key}), refused before skeletons are looked at.
 *
 * <p>The checker's data (about 0.2 s to load) is loaded with this class; {@link #load()} does it
 * up front. For ASCII text the skeleton is that of each character in turn (no normalization can
 * join or reorder ASCII characters), so the checker's answer for each printable ASCII character is
 * asked once, when the class loads, and a name's skeleton is put together from those; anything
 * else goes to the checker. Immutable and thread-safe.
 */
public final class LookAlikes {

    private static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();
    /** The checker's skeleton of each printable ASCII character, by character; null for the rest. */
    private static final String[] ASCII = new String[128];

    static {
        for (char c = '!'; c <= '~'; c++) {
            ASCII[c] = CHECKER.getSkeleton(String.valueOf(c));
        }
    }

    private LookAlikes() {
    }

    /** Loads the confusables data now rather than on the first name. */
    public static void load() {
        // Calling this initializes the class, which builds CHECKER.
    }

    /** The TR39 skeleton of {@code text}: the same as {@link #checkerSkeleton}, sooner for ASCII. */
    public static String skeleton(String text) {
        StringBuilder skeleton = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String ofChar = c < ASCII.length ? ASCII[c] : null;
            if (ofChar == null) {
                return checkerSkeleton(text);
            }
            skeleton.append(ofChar);
        }
        return skeleton.toString();
    }

    /** The TR39 skeleton of {@code text}, as the checker computes it for the whole text. */
    static String checkerSkeleton(String text) {
        return CHECKER.getSkeleton(text);
    }

    /**
     * The lower-cased skeletons of a valid name as typed and of its lower-case form: one when they
     * are equal (as for any name typed in lower case), else two.
     */
    public static List<String> skeletons(String name) {
        String asTyped = lower(skeleton(name));
        String lower = lower(name);
        if (lower.equals(name)) {
            return List.of(asTyped);
        }
        String ofLower = lower(skeleton(lower));
        return ofLower.equals(asTyped) ? List.of(asTyped) : List.of(asTyped, ofLower);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
