package roomchat.core.command;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import roomchat.core.text.SafeText;

/**
 * Turns one line, already framed and decoded, into an {@link Input}.
 *
 * <p>A line that starts with {@code :} is a command, unless it starts with {@code ::}, which is
 * chat with one colon removed. Spaces and invisible characters before the first {@code :} don't
 * count (nor do default-ignorable ones such as Hangul fillers, and a full-width {@code ：} counts as
 * a colon): {@code " :passwd x"} is a command too (and {@code "  ::)"} says {@code :)}), so a stray
 * space can't turn a command, and the secret in it, into chat for the whole room. A line with
 * anything else before its first {@code :} is chat, kept as typed. Command words ignore case;
 * arguments are separated by any run of spaces or tabs. A blank line has no meaning. Control
 * characters and bidi overrides are removed first ({@link SafeText}), so nothing parsed from a
 * line can reach another user's terminal as anything but text. Stateless and thread-safe.
 */
public final class InputParser {

    private static final String COMMAND_PREFIX = ":";
    private static final char FULL_WIDTH_COLON = '\uff1a';
    private static final char SMALL_COLON = '\ufe55';
    /** Shows as nothing in most fonts, like the default-ignorable characters (Hangul fillers and such). */
    private static final int BRAILLE_BLANK = 0x2800;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** The meaning of {@code typed} once {@link SafeText} has cleaned it, or empty when that is blank. */
    public Optional<Input> parse(String typed) {
        String line = SafeText.clean(typed);
        if (line.isBlank()) {
            return Optional.empty();
        }
        int start = firstVisible(line);
        if (!isColon(line, start)) {
            return Optional.of(new Input.ChatText(line));
        }
        if (isColon(line, start + 1)) {
            return Optional.of(new Input.ChatText(line.substring(start + 1)));
        }
        return Optional.of(parseCommand(line.substring(start + 1)));
    }

    /**
     * The index of the first character that shows: not whitespace, not a space of any width
     * (no-break ones included), not an invisible format character such as a zero-width space.
     */
    private static int firstVisible(String line) {
        int i = 0;
        while (i < line.length()) {
            int c = line.codePointAt(i);
            if (!isBlankOrInvisible(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    private static boolean isBlankOrInvisible(int c) {
        if (c > ' ' && c < 0x7f) {
            return false;
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
                || c == BRAILLE_BLANK || UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }

    /**
     * Whether a colon starts at {@code index}: {@code :}, or the full-width and small colons an East
     * Asian input method types in its place (a command typed that way must not become chat).
     */
    private static boolean isColon(String line, int index) {
        if (index >= line.length()) {
            return false;
        }
        char c = line.charAt(index);
        return c == COMMAND_PREFIX.charAt(0) || c == FULL_WIDTH_COLON || c == SMALL_COLON;
    }

    private static Input parseCommand(String body) {
        String[] wordAndRest = WHITESPACE.split(body, 2);
        String word = wordAndRest[0];
        Optional<CommandWord> command = CommandWord.lookup(word);
        if (command.isEmpty()) {
            return new Input.Invalid("unknown command :" + word + " (try :h)");
        }
        String rest = wordAndRest.length > 1 ? wordAndRest[1].strip() : "";
        List<String> args = splitArguments(rest, command.get());
        if (args.size() < command.get().minArguments() || args.size() > command.get().maxArguments()) {
            return new Input.Invalid("usage: " + command.get().usage());
        }
        return command.get().build(args);
    }

    private static List<String> splitArguments(String rest, CommandWord command) {
        if (rest.isEmpty()) {
            return List.of();
        }
        int limit = command.textArgument() ? command.maxArguments() : 0;
        return Arrays.asList(WHITESPACE.split(rest, limit));
    }
}
