package roomchat.core.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import roomchat.core.command.CommandWord;

/** The answer to {@code :h}, written from the command table so that it can't fall behind it. */
final class HelpText {

    private static final Reply REPLY = build();

    private HelpText() {
    }

    static Reply reply() {
        return REPLY;
    }

    private static Reply build() {
        int width = Arrays.stream(CommandWord.values()).mapToInt(c -> c.usage().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        lines.add(Lines.notice("commands (any other line is chat for your room; start it with :: to begin it with :)"));
        for (CommandWord command : CommandWord.values()) {
            String aliases = command.aliases().isEmpty() ? ""
                    : " (also :" + String.join(", :", command.aliases()) + ")";
            lines.add(Lines.notice("  " + pad(command.usage(), width) + "  " + command.description() + aliases));
        }
        return new Reply(lines, false);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
