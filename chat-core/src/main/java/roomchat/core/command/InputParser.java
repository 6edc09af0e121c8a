package roomchat.core.command;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import roomchat.core.text.SafeText;

/**
 * Turns one line, already framed and decoded, into an {@link Input}.
 *
 * <p>A line that starts with {@code :} is a command, unless it starts with {@code ::}, which is
 * chat with one colon removed. Command words ignore case; arguments are separated by any run of
 * spaces or tabs. A blank line has no meaning. Control characters and bidi overrides are removed
 * first ({@link SafeText}), so nothing parsed from a line can reach another user's terminal as
 * anything but text. Stateless and thread-safe.
 */
public final class InputParser {

    private static final String COMMAND_PREFIX = ":";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** The meaning of {@code typed} once {@link SafeText} has cleaned it, or empty when that is blank. */
    public Optional<Input> parse(String typed) {
        String line = SafeText.clean(typed);
        if (line.isBlank()) {
            return Optional.empty();
        }
        if (!line.startsWith(COMMAND_PREFIX)) {
            return Optional.of(new Input.ChatText(line));
        }
        if (line.startsWith(COMMAND_PREFIX, 1)) {
            return Optional.of(new Input.ChatText(line.substring(1)));
        }
        return Optional.of(parseCommand(line.substring(1)));
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
