package roomchat.core.command;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The table of command words: for each command its words (the first is the one shown in help),
 * how many arguments it takes, how they become a {@link Command}, whether it may be given before a
 * name, and its help line. The order here is the order of {@code :h}. Each command's handler is
 * bound to its word by the chat's {@code CommandTable}, which refuses to start without one.
 *
 * <p>When {@code textArgument} is set, the last argument is free text: it takes the rest of the
 * line, spaces included. Every other argument is a single word.
 */
public enum CommandWord {
    CHANGE_ROOM(Command.ChangeRoom.class, "<room> [password]", 1, 2, false, "move to an existing room (a locked one needs its password)",
            args -> new Command.ChangeRoom(args.get(0), optional(args, 1)), "cr", "change-room", "changeroom", "change_room"),
    NEW_ROOM(Command.NewRoom.class, "<room>", 1, 1, false, "create a room and move into it; you are its host",
            args -> new Command.NewRoom(args.get(0)), "n", "new", "nr"),
    MESSAGE_ROOM(Command.MessageRoom.class, "<room>[:password] <text>", 2, 2, true, "send a line to another room without leaving yours",
            CommandWord::messageRoom, "erm", "era"),
    LIST_ROOMS(Command.ListRooms.class, "[page]", 0, 1, false, "list the rooms, a page at a time",
            args -> page(args, Command.ListRooms::new), "rooms", "l", "list"),
    WHO(Command.Who.class, "[page]", 0, 1, false, "list who is in your room, a page at a time",
            args -> page(args, Command.Who::new), "who"),
    PRIVATE_MESSAGE(Command.PrivateMessage.class, "<name> <text>", 2, 2, true, "send a private line to one user",
            args -> new Command.PrivateMessage(args.get(0), args.get(1)), "msg", "m", "dm"),
    NICK(Command.Nick.class, "<name>", 1, 1, false, "change your screen name",
            args -> new Command.Nick(args.get(0)), "nick"),
    ME(Command.Me.class, "<action>", 1, 1, true, "tell your room what you are doing",
            args -> new Command.Me(args.get(0)), "me"),
    PASSWORD(Command.SetPassword.class, "[password]", 0, 1, false, "host: lock your room with a password, or unlock it",
            args -> new Command.SetPassword(optional(args, 0)), "passwd"),
    KICK(Command.Kick.class, "<name>", 1, 1, false, "host: send a member of your room to the default room",
            args -> new Command.Kick(args.get(0)), "kick"),
    HOST(Command.Promote.class, "<name>", 1, 1, false, "host: make a member of your room a host too",
            args -> new Command.Promote(args.get(0)), "host"),
    TOPIC(Command.SetTopic.class, "[text]", 0, 1, true, "host: set your room's topic, or clear it",
            args -> new Command.SetTopic(optional(args, 0)), "topic"),
    HISTORY(Command.ShowHistory.class, "[lines] [before]", 0, 2, false,
            "show your room's last lines with their dates (" + Command.ShowHistory.DEFAULT_LINES + ", at most "
                    + Command.ShowHistory.MAX_LINES + "), or the last ones numbered below before, to you only",
            CommandWord::history, "history", "hist"),
    HELP(Command.Help.class, "", 0, 0, false, "list the commands",
            args -> new Command.Help(), "h", "help"),
    EXIT(Command.Exit.class, "", 0, 0, false, "leave the server",
            args -> new Command.Exit(), "e", "exit");

    /** Separates a room from its password in {@code :erm room:password text}. */
    public static final char PASSWORD_SEPARATOR = ':';

    /** Pages past this many digits are not pages anyone could reach. */
    private static final int MAX_PAGE_DIGITS = 6;
    /** Sequence numbers past this many digits are past any room's (and would overflow a long). */
    private static final int MAX_SEQ_DIGITS = 18;

    private static final Map<String, CommandWord> BY_WORD = new HashMap<>();
    private static final Map<Class<?>, CommandWord> BY_TYPE = new HashMap<>();
    /** The commands a connection may give before it has a screen name. */
    private static final Set<CommandWord> BEFORE_NAME = Set.of(HELP, EXIT);

    static {
        for (CommandWord command : values()) {
            for (String word : command.words) {
                BY_WORD.put(word, command);
            }
            BY_TYPE.put(command.type, command);
        }
    }

    private final Class<? extends Command> type;
    private final String argumentSyntax;
    private final int minArguments;
    private final int maxArguments;
    private final boolean textArgument;
    private final String description;
    /** Builds the command from its arguments; an {@link Input.Invalid} when they don't make sense. */
    private final Function<List<String>, Input> factory;
    private final List<String> words;

    CommandWord(Class<? extends Command> type, String argumentSyntax, int minArguments, int maxArguments, boolean textArgument, String description,
                Function<List<String>, Input> factory, String... words) {
        this.type = type;
        this.argumentSyntax = argumentSyntax;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.textArgument = textArgument;
        this.description = description;
        this.factory = factory;
        this.words = List.of(words);
    }

    /** The command a word names, ignoring case; empty for an unknown word. */
    public static Optional<CommandWord> lookup(String word) {
        return Optional.ofNullable(BY_WORD.get(word.toLowerCase(Locale.ROOT)));
    }

    /** The command {@code command} is an instance of. */
    public static CommandWord of(Command command) {
        return BY_TYPE.get(command.getClass());
    }

    /** The record this command's lines become. */
    public Class<? extends Command> type() {
        return type;
    }

    /** Whether a connection may give this command before it has a screen name. */
    public boolean usableBeforeName() {
        return BEFORE_NAME.contains(this);
    }

    /** The fewest arguments the command takes. */
    public int minArguments() {
        return minArguments;
    }

    /** The most arguments the command takes. */
    public int maxArguments() {
        return maxArguments;
    }

    /** Whether the last argument is free text that runs to the end of the line. */
    public boolean textArgument() {
        return textArgument;
    }

    /** The main word and the argument syntax, as in {@code :cr <room> [password]}. */
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

    Input build(List<String> args) {
        return factory.apply(args);
    }

    private static Optional<String> optional(List<String> args, int index) {
        return args.size() > index ? Optional.of(args.get(index)) : Optional.empty();
    }

    /** The command for the page its optional argument names (1 when none), or why it is not a page. */
    private static Input page(List<String> args, IntFunction<Command> command) {
        if (args.isEmpty()) {
            return command.apply(1);
        }
        String page = args.get(0);
        if (page.length() > MAX_PAGE_DIGITS || !page.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(page) < 1) {
            return new Input.Invalid("a page is a number from 1 (" + page + " is not)");
        }
        return command.apply(Integer.parseInt(page));
    }

    /**
     * {@code :history [lines] [before]}: the default count, or the one named if it is from 1 to the
     * most shown; and no bound, or the sequence number named if it is from 1.
     */
    private static Input history(List<String> args) {
        if (args.isEmpty()) {
            return new Command.ShowHistory(Command.ShowHistory.DEFAULT_LINES);
        }
        String lines = args.get(0);
        int most = Command.ShowHistory.MAX_LINES;
        if (lines.length() > String.valueOf(most).length() || !digits(lines)
                || Integer.parseInt(lines) < 1 || Integer.parseInt(lines) > most) {
            return new Input.Invalid("a count of lines is a number from 1 to " + most + " (" + lines + " is not)");
        }
        if (args.size() == 1) {
            return new Command.ShowHistory(Integer.parseInt(lines));
        }
        String before = args.get(1);
        if (before.length() > MAX_SEQ_DIGITS || !digits(before) || Long.parseLong(before) < 1) {
            return new Input.Invalid("before is a sequence number from 1 (" + before + " is not)");
        }
        return new Command.ShowHistory(Integer.parseInt(lines), Long.parseLong(before));
    }

    private static boolean digits(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static Command messageRoom(List<String> args) {
        String target = args.get(0);
        int separator = target.indexOf(PASSWORD_SEPARATOR);
        if (separator < 0) {
            return new Command.MessageRoom(target, Optional.empty(), args.get(1));
        }
        return new Command.MessageRoom(target.substring(0, separator),
                Optional.of(target.substring(separator + 1)), args.get(1));
    }
}
