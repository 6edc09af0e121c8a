package roomchat.core.command;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one table of command words: for each command its words (the first is the one shown in help),
 * its arguments, and how its arguments become a {@link Command}.
 *
 * <p>When {@code textArgument} is set, the last argument is free text: it takes the rest of the
 * line, spaces included. Every other argument is a single word.
 */
public enum CommandWord {
    CHANGE_ROOM("<room>", 1, false, "move to an existing room",
            args -> new Command.ChangeRoom(args.get(0)), "cr", "change-room", "changeroom", "change_room"),
    NEW_ROOM("<room>", 1, false, "create a room and move into it",
            args -> new Command.NewRoom(args.get(0)), "n", "new", "nr"),
    MESSAGE_ROOM("<room> <text>", 2, true, "send a line to another room without leaving yours",
            args -> new Command.MessageRoom(args.get(0), args.get(1)), "erm", "era"),
    HELP("", 0, false, "list the commands",
            args -> new Command.Help(), "h", "help"),
    EXIT("", 0, false, "leave the server",
            args -> new Command.Exit(), "e", "exit");

    private static final Map<String, CommandWord> BY_WORD = new HashMap<>();

    static {
        for (CommandWord command : values()) {
            for (String word : command.words) {
                BY_WORD.put(word, command);
            }
        }
    }

    private final String argumentSyntax;
    private final int arguments;
    private final boolean textArgument;
    private final String description;
    private final Function<List<String>, Command> factory;
    private final List<String> words;

    CommandWord(String argumentSyntax, int arguments, boolean textArgument, String description,
                Function<List<String>, Command> factory, String... words) {
        this.argumentSyntax = argumentSyntax;
        this.arguments = arguments;
        this.textArgument = textArgument;
        this.description = description;
        this.factory = factory;
        this.words = List.of(words);
    }

    /** The command a word names, ignoring case; empty for an unknown word. */
    public static Optional<CommandWord> lookup(String word) {
        return Optional.ofNullable(BY_WORD.get(word.toLowerCase(Locale.ROOT)));
    }

    /** How many arguments the command takes, exactly. */
    public int arguments() {
        return arguments;
    }

    /** Whether the last argument is free text that runs to the end of the line. */
    public boolean textArgument() {
        return textArgument;
    }

    /** The main word and the argument syntax, as in {@code :cr <room>}. */
    public String usage() {
        return ":" + words.get(0) + (argumentSyntax.isEmpty() ? "" : " " + argumentSyntax);
    }

    /** What the command does, in a few words. */
    public String description() {
        return description;
    }

    /** The other words that name the same command. */
    public List<String> aliases() {
        return words.subList(1, words.size());
    }

    Command build(List<String> args) {
        return factory.apply(args);
    }
}
