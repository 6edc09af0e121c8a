package roomchat.core.chat;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import roomchat.core.command.Command;
import roomchat.core.command.CommandWord;
import roomchat.core.room.Member;

/**
 * Which handler runs each command: one entry per {@link CommandWord}, whose words, arity, help line
 * and whether it may be given before a name are in that table. A table missing a command can't be
 * built: the server refuses to start, and the tests fail, instead of a command doing the wrong thing.
 */
final class CommandTable {

    /** Runs one kind of command for a member (null before a name, for the commands usable then). */
    @FunctionalInterface
    interface Handler<C extends Command> {
        CompletionStage<Reply> handle(Member member, C command);
    }

    private final Map<CommandWord, Handler<Command>> handlers = new EnumMap<>(CommandWord.class);

    /** Binds {@code word}'s command to {@code handler}. */
    @SuppressWarnings("unchecked")
    <C extends Command> CommandTable on(CommandWord word, Class<C> type, Handler<C> handler) {
        if (word.type() != type) {
            throw new IllegalArgumentException(":" + word.usage() + " makes " + word.type().getSimpleName() + ", not " + type.getSimpleName());
        }
        if (handlers.putIfAbsent(word, (Handler<Command>) handler) != null) {
            throw new IllegalArgumentException("two handlers for " + word.usage());
        }
        return this;
    }

    /** The table, once every command has its handler; else why not. */
    CommandTable complete() {
        for (CommandWord word : CommandWord.values()) {
            if (!handlers.containsKey(word)) {
                throw new IllegalStateException("no handler for " + word.usage());
            }
        }
        return this;
    }

    /** Runs {@code command} for {@code member}. */
    CompletionStage<Reply> run(Member member, Command command) {
        return handlers.get(CommandWord.of(command)).handle(member, command);
    }
}
