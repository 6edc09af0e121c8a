package roomchat.core.name;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The spelling rules for screen names and room names, and the key under which both are unique.
 *
 * <p>Names are ASCII letters, digits, {@code _}, {@code -} and {@code .}: easy to type in any
 * terminal, and free of look-alike characters that would let one user pass for another.
 * Uniqueness ignores case, so {@code Alice} and {@code alice} are the same name.
 */
public final class NameRules {

    /** The longest screen name, in characters. */
    public static final int MAX_SCREEN_NAME_LENGTH = 24;

    /** The longest room name, in characters. */
    public static final int MAX_ROOM_NAME_LENGTH = 32;

    /** How a rejected screen name is explained to the user. */
    public static final String SCREEN_NAME_RULE =
            "1-" + MAX_SCREEN_NAME_LENGTH + " letters, digits, _ - or .";

    /** How a rejected room name is explained to the user. */
    public static final String ROOM_NAME_RULE =
            "1-" + MAX_ROOM_NAME_LENGTH + " letters, digits, _ - or ., but not dm";

    /** What private lines start with ({@code [dm] alice: hi}): no room may be called so. */
    public static final String PRIVATE_LINES = "dm";

    private static final Pattern SCREEN_NAME =
            Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_SCREEN_NAME_LENGTH + "}");
    private static final Pattern ROOM_NAME =
            Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_ROOM_NAME_LENGTH + "}");

    private NameRules() {
    }

    /** Whether {@code candidate} is spelled as a screen name may be. */
    public static boolean isScreenName(String candidate) {
        return SCREEN_NAME.matcher(candidate).matches();
    }

    /** Whether {@code candidate} is spelled as a room name may be. */
    public static boolean isRoomName(String candidate) {
        return ROOM_NAME.matcher(candidate).matches() && !candidate.equalsIgnoreCase(PRIVATE_LINES);
    }

    /** The case-insensitive key of a valid name: two names are the same name when their keys are equal. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
