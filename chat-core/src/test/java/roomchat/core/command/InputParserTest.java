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
        assertThat(parse(line)).isEqualTo(new Command.ChangeRoom("games", Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {":n games", ":new games", ":nr games", ":N games", ":NEW games"})
    void everyNewRoomAlias(String line) {
        assertThat(parse(line)).isEqualTo(new Command.NewRoom("games"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":erm lobby brb", ":era lobby brb", ":ERM lobby brb"})
    void everyMessageRoomAlias(String line) {
        assertThat(parse(line)).isEqualTo(new Command.MessageRoom("lobby", Optional.empty(), "brb"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":history", ":hist", ":HIST"})
    void historyShowsTwentyLinesUnlessTold(String line) {
        assertThat(parse(line)).isEqualTo(new Command.ShowHistory(Command.ShowHistory.DEFAULT_LINES));
        assertThat(parse(line + " 50")).isEqualTo(new Command.ShowHistory(50));
        assertThat(parse(line + " 200")).isEqualTo(new Command.ShowHistory(200));
    }

    @ParameterizedTest
    @ValueSource(strings = {":history 0", ":history 201", ":hist -3", ":hist many", ":history 99999999999"})
    void historyTakesACountFromOneToTwoHundred(String line) {
        assertThat(parse(line)).isInstanceOf(Input.Invalid.class);
        assertThat(((Input.Invalid) parse(line)).reason()).startsWith("a count of lines is a number from 1 to 200");
    }

    @Test
    void historyTakesASequenceNumberToShowTheLinesBelowIt() {
        assertThat(parse(":history 50 120")).isEqualTo(new Command.ShowHistory(50, 120));
        assertThat(parse(":hist\t5   1")).isEqualTo(new Command.ShowHistory(5, 1));
        assertThat(parse(":history 200 999999999999999999")).isEqualTo(new Command.ShowHistory(200, 999_999_999_999_999_999L));
        assertThat(((Command.ShowHistory) parse(":history 5 7")).bounded()).isTrue();
        assertThat(((Command.ShowHistory) parse(":history 5")).bounded()).isFalse();
        assertThat(parse(":history 5")).isEqualTo(new Command.ShowHistory(5, Command.ShowHistory.LATEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {":history 5 0", ":history 5 -7", ":hist 5 x", ":history 5 1e3", ":history 5 9223372036854775807",
            ":history 5 +3"})
    void historyTakesASequenceNumberFromOne(String line) {
        assertThat(parse(line)).isInstanceOf(Input.Invalid.class);
        assertThat(((Input.Invalid) parse(line)).reason()).startsWith("before is a sequence number from 1 (")
                .endsWith(" is not)");
    }

    @Test
    void historyRefusesABadCountBeforeItsBoundAndAThirdArgument() {
        assertThat(((Input.Invalid) parse(":history 0 10")).reason()).startsWith("a count of lines is a number from 1 to 200");
        assertThat(((Input.Invalid) parse(":history 5 10 15")).reason()).isEqualTo("usage: :history [lines] [before]");
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
            String args = " a".repeat(command.minArguments());
            for (String word : command.aliases()) {
                Input byAlias = parse(":" + word + args);
                Input byMain = parse(command.usage().split(" ")[0] + args);
                assertThat(byAlias).isEqualTo(byMain).isInstanceOf(Command.class);
            }
        }
    }

    @Test
    void oddWhitespaceBetweenArgumentsIsIgnored() {
        assertThat(parse(":cr \t games  ")).isEqualTo(new Command.ChangeRoom("games", Optional.empty()));
        assertThat(parse(":n\tgames")).isEqualTo(new Command.NewRoom("games"));
        assertThat(parse(":h   ")).isEqualTo(new Command.Help());
    }

    @Test
    void messageTextRunsToTheEndOfTheLineWithItsInnerSpaces() {
        assertThat(parse(":erm  lobby   brb,  back in 5  "))
                .isEqualTo(new Command.MessageRoom("lobby", Optional.empty(), "brb,  back in 5"));
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
        assertThat(parse(":cr games secret more")).isEqualTo(new Input.Invalid("usage: :cr <room> [password]"));
        assertThat(parse(":n games now")).isEqualTo(new Input.Invalid("usage: :n <room>"));
        assertThat(parse(":e now")).isEqualTo(new Input.Invalid("usage: :e"));
        assertThat(parse(":kick a b")).isEqualTo(new Input.Invalid("usage: :kick <name>"));
    }

    @Test
    void aPasswordMayFollowTheRoom() {
        assertThat(parse(":cr games s3cret")).isEqualTo(new Command.ChangeRoom("games", Optional.of("s3cret")));
        assertThat(parse(":erm games:s3:cret brb now"))
                .isEqualTo(new Command.MessageRoom("games", Optional.of("s3:cret"), "brb now"));
        assertThat(parse(":passwd")).isEqualTo(new Command.SetPassword(Optional.empty()));
        assertThat(parse(":passwd hunter2")).isEqualTo(new Command.SetPassword(Optional.of("hunter2")));
    }

    @Test
    void theCommandsOfPeopleAndHosts() {
        assertThat(parse(":rooms")).isEqualTo(new Command.ListRooms(1));
        assertThat(parse(":l")).isEqualTo(new Command.ListRooms(1));
        assertThat(parse(":LIST 3")).isEqualTo(new Command.ListRooms(3));
        assertThat(parse(":who")).isEqualTo(new Command.Who(1));
        assertThat(parse(":who 2")).isEqualTo(new Command.Who(2));
        assertThat(parse(":rooms 0")).isEqualTo(new Input.Invalid("a page is a number from 1 (0 is not)"));
        assertThat(parse(":who x")).isEqualTo(new Input.Invalid("a page is a number from 1 (x is not)"));
        assertThat(parse(":rooms 99999999999")).isInstanceOf(Input.Invalid.class);
        assertThat(parse(":msg bob hi  there")).isEqualTo(new Command.PrivateMessage("bob", "hi  there"));
        assertThat(parse(":m bob hi")).isEqualTo(new Command.PrivateMessage("bob", "hi"));
        assertThat(parse(":dm bob hi")).isEqualTo(new Command.PrivateMessage("bob", "hi"));
        assertThat(parse(":nick alicia")).isEqualTo(new Command.Nick("alicia"));
        assertThat(parse(":me waves  twice")).isEqualTo(new Command.Me("waves  twice"));
        assertThat(parse(":kick bob")).isEqualTo(new Command.Kick("bob"));
        assertThat(parse(":host bob")).isEqualTo(new Command.Promote("bob"));
        assertThat(parse(":topic friday  night")).isEqualTo(new Command.SetTopic(Optional.of("friday  night")));
        assertThat(parse(":topic")).isEqualTo(new Command.SetTopic(Optional.empty()));
        assertThat(parse(":msg bob")).isEqualTo(new Input.Invalid("usage: :msg <name> <text>"));
        assertThat(parse(":me")).isEqualTo(new Input.Invalid("usage: :me <action>"));
    }

    @Test
    void unknownCommandIsNamed() {
        assertThat(parse(":x")).isEqualTo(new Input.Invalid("unknown command :x (try :h)"));
        assertThat(parse(":dance wildly")).isEqualTo(new Input.Invalid("unknown command :dance (try :h)"));
        assertThat(parse(":")).isEqualTo(new Input.Invalid("unknown command : (try :h)"));
    }

    @Test
    void onlyALeadingColonMakesACommand() {
        assertThat(parse("see :h")).isEqualTo(new Input.ChatText("see :h"));
        assertThat(parse("x :passwd hunter2")).isEqualTo(new Input.ChatText("x :passwd hunter2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" :passwd hunter2", "   :passwd hunter2", "\t:passwd hunter2", " \t :passwd hunter2",
            "\u00a0:passwd hunter2", "\u3000:passwd hunter2", "\u200b:passwd hunter2", "\ufeff:passwd hunter2",
            "\u115f:passwd hunter2", "\u3164:passwd hunter2", "\uffa0:passwd hunter2", "\u2800:passwd hunter2",
            "\u034f:passwd hunter2", "\ufe0f:passwd hunter2", "\uff1apasswd hunter2", " \ufe55passwd hunter2"})
    void spacesAndInvisibleCharactersBeforeTheColonStillMakeACommand(String line) {
        assertThat(parse(line)).isEqualTo(new Command.SetPassword(Optional.of("hunter2")));
    }

    @Test
    void aTabbedPrivateMessageStaysPrivate() {
        assertThat(parse("\t:msg carol my pin is 4821"))
                .isEqualTo(new Command.PrivateMessage("carol", "my pin is 4821"));
        assertThat(parse("  :nope")).isEqualTo(new Input.Invalid("unknown command :nope (try :h)"));
    }

    @Test
    void doubleColonAfterSpacesIsStillChat() {
        assertThat(parse("  ::)")).isEqualTo(new Input.ChatText(":)"));
        assertThat(parse("\t::cr games")).isEqualTo(new Input.ChatText(":cr games"));
        assertThat(parse("\uff1a\uff1a)")).isEqualTo(new Input.ChatText("\uff1a)"));
    }

    @Test
    void leadingSpacesBeforeChatAreKept() {
        assertThat(parse("  indented")).isEqualTo(new Input.ChatText("  indented"));
    }
}
