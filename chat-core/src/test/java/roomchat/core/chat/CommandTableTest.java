package roomchat.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import roomchat.core.command.Command;
import roomchat.core.command.CommandWord;

/** Every command has exactly one word and one handler: a command without either can't ship. */
class CommandTableTest {

    @Test
    void theChatBindsEveryCommandWord() {
        assertThat(new ChatFixture().chat).isNotNull();
    }

    @Test
    void aTableMissingAnyOneWordIsNotCompleteAndSaysWhichWord() {
        for (CommandWord missing : CommandWord.values()) {
            CommandTable table = new CommandTable();
            for (CommandWord word : CommandWord.values()) {
                if (word != missing) {
                    bind(table, word, word.type());
                }
            }
            assertThatThrownBy(table::complete).as("without %s", missing)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(missing.usage());
        }
    }

    @Test
    void aWordIsBoundOnceAndOnlyToItsOwnCommand() {
        CommandTable table = new CommandTable();
        bind(table, CommandWord.HELP, Command.Help.class);
        assertThatThrownBy(() -> bind(table, CommandWord.HELP, Command.Help.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bind(table, CommandWord.EXIT, Command.Help.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyKindOfCommandIsMadeByExactlyOneWord() throws Exception {
        for (Class<?> kind : Command.class.getPermittedSubclasses()) {
            assertThat(Arrays.stream(CommandWord.values()).filter(word -> word.type() == kind))
                    .as(kind.getSimpleName()).hasSize(1);
            CommandWord word = CommandWord.of(sample(kind));
            assertThat(word).as(kind.getSimpleName()).isNotNull();
            assertThat(word.type()).isEqualTo(kind);
        }
    }

    private static <C extends Command> void bind(CommandTable table, CommandWord word, Class<C> type) {
        table.on(word, type, (member, command) -> Reply.NONE_NOW);
    }

    /** A command of this kind, with placeholder arguments. */
    private static Command sample(Class<?> kind) throws ReflectiveOperationException {
        RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] arguments = Arrays.stream(types).map(CommandTableTest::placeholder).toArray();
        Constructor<?> canonical = kind.getDeclaredConstructor(types);
        return (Command) canonical.newInstance(arguments);
    }

    private static Object placeholder(Class<?> type) {
        if (type == int.class) {
            return 1;
        }
        if (type == long.class) {
            return 1L;
        }
        return type == Optional.class ? Optional.empty() : "x";
    }
}
