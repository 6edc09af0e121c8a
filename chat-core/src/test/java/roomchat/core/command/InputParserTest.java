package roomchat.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputParserTest {

    private final InputParser parser = new InputParser();

    private Input parse(String line) {
        return parser.parse(line).orElseThrow();
    }

    @Test
    void plainLineIsChatKeptAsTyped() {
        assertThat(parse("hello  there ")).isEqualTo(new Input.ChatText("hello  there "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "   \t  "})
    void blankLineMeansNothing(String line) {
        assertThat(parser.parse(line)).isEqualTo(Optional.empty());
    }

    @Test
    void doubleColonIsChatWithOneColonRemoved() {
        assertThat(parse("::)")).isEqualTo(new Input.ChatText(":)"));
        assertThat(parse("::cr games")).isEqualTo(new Input.ChatText(":cr games"));
        assertThat(parse(":::")).isEqualTo(new Input.ChatText("::"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":cr games", ":change-room games", ":changeroom games", ":change_room games",
            ":CR games", ":Change-Room games"})
    void everyChangeRoomAlias(String line) {
        assertThat(parse(line)).isEqualTo(new Command.ChangeRoom("games"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":n games", ":new games", ":nr games", ":N games", ":NEW games"})
    void everyNewRoomAlias(String line) {
        assertThat(parse(line)).isEqualTo(new Command.NewRoom("games"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":erm lobby brb", ":era lobby brb", ":ERM lobby brb"})
    void everyMessageRoomAlias(String line) {
        assertThat(parse(line)).isEqualTo(new Command.MessageRoom("lobby", "brb"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":h", ":help", ":H", ":HeLp"})
    void everyHelpAlias(String line) {
        assertThat(parse(line)).isEqualTo(new Command.Help());
    }

    @ParameterizedTest
    @ValueSource(strings = {":e", ":exit", ":E", ":EXIT"})
    void everyExitAlias(String line) {
        assertThat(parse(line)).isEqualTo(new Command.Exit());
    }

    @Test
    void everyWordInTheTableParsesToItsCommand() {
        for (CommandWord command : CommandWord.values()) {
            String args = " a".repeat(command.arguments());
            for (String word : command.aliases()) {
                Input byAlias = parse(":" + word + args);
                Input byMain = parse(command.usage().split(" ")[0] + args);
                assertThat(byAlias).isEqualTo(byMain).isInstanceOf(Command.class);
            }
        }
    }

    @Test
    void oddWhitespaceBetweenArgumentsIsIgnored() {
        assertThat(parse(":cr \t games  ")).isEqualTo(new Command.ChangeRoom("games"));
        assertThat(parse(":n\tgames")).isEqualTo(new Command.NewRoom("games"));
        assertThat(parse(":h   ")).isEqualTo(new Command.Help());
    }

    @Test
    void messageTextRunsToTheEndOfTheLineWithItsInnerSpaces() {
        assertThat(parse(":erm  lobby   brb,  back in 5  "))
                .isEqualTo(new Command.MessageRoom("lobby", "brb,  back in 5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":cr", ":cr   ", ":n", ":erm", ":erm lobby", ":erm lobby   "})
    void missingArgumentsGiveTheUsage(String line) {
        String word = line.split(" ")[0];
        CommandWord command = CommandWord.lookup(word.substring(1)).orElseThrow();
        assertThat(parse(line)).isEqualTo(new Input.Invalid("usage: " + command.usage()));
    }

    @Test
    void extraArgumentsGiveTheUsage() {
        assertThat(parse(":cr games now")).isEqualTo(new Input.Invalid("usage: :cr <room>"));
        assertThat(parse(":e now")).isEqualTo(new Input.Invalid("usage: :e"));
    }

    @Test
    void unknownCommandIsNamed() {
        assertThat(parse(":x")).isEqualTo(new Input.Invalid("unknown command :x (try :h)"));
        assertThat(parse(":dance wildly")).isEqualTo(new Input.Invalid("unknown command :dance (try :h)"));
        assertThat(parse(":")).isEqualTo(new Input.Invalid("unknown command : (try :h)"));
    }

    @Test
    void onlyALeadingColonMakesACommand() {
        assertThat(parse(" :h")).isEqualTo(new Input.ChatText(" :h"));
        assertThat(parse("see :h")).isEqualTo(new Input.ChatText("see :h"));
    }
}
