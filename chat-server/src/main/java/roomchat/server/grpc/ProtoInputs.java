package roomchat.server.grpc;

import java.util.Optional;
import roomchat.core.command.Command;
import roomchat.core.command.Input;
import roomchat.core.command.InputParser;
import roomchat.core.text.SafeText;
import roomchat.v1.ClientMessage;

/**
 * What one {@link ClientMessage} means, as the {@link Input} an nc user's line would have been:
 * typed commands become the same {@link Command}s, raw lines go through the same {@link InputParser}.
 * Every text is cleaned by {@link SafeText} first, as a typed line is, so nothing a program sends can
 * reach a terminal user as anything but text. Stateless and thread-safe.
 */
final class ProtoInputs {

    /** A page number of 0 (unset in proto3) asks for the first page, as a bare {@code :who} does. */
    private static final int FIRST_PAGE = 1;

    private static final InputParser PARSER = new InputParser();

    private ProtoInputs() {
    }

    /** The input {@code message} stands for; empty when it means nothing (a blank line, no kind set). */
    static Optional<Input> of(ClientMessage message) {
        return switch (message.getKindCase()) {
            case NAME -> text(message.getName());
            case LINE -> PARSER.parse(message.getLine());
            case SAY -> text(message.getSay().getText());
            case CHANGE_ROOM -> command(new Command.ChangeRoom(clean(message.getChangeRoom().getRoom()),
                    message.getChangeRoom().hasPassword() ? Optional.of(message.getChangeRoom().getPassword()) : Optional.empty()));
            case NEW_ROOM -> command(new Command.NewRoom(clean(message.getNewRoom().getRoom())));
            case MESSAGE_ROOM -> command(new Command.MessageRoom(clean(message.getMessageRoom().getRoom()),
                    message.getMessageRoom().hasPassword() ? Optional.of(message.getMessageRoom().getPassword()) : Optional.empty(),
                    clean(message.getMessageRoom().getText())));
            case LIST_ROOMS -> command(new Command.ListRooms(page(message.getListRooms().getPage())));
            case WHO -> command(new Command.Who(page(message.getWho().getPage())));
            case PRIVATE_MESSAGE -> command(new Command.PrivateMessage(clean(message.getPrivateMessage().getName()),
                    clean(message.getPrivateMessage().getText())));
            case NICK -> command(new Command.Nick(clean(message.getNick().getName())));
            case ME -> command(new Command.Me(clean(message.getMe().getAction())));
            case SET_PASSWORD -> command(new Command.SetPassword(message.getSetPassword().hasPassword()
                    ? Optional.of(message.getSetPassword().getPassword()) : Optional.empty()));
            case KICK -> command(new Command.Kick(clean(message.getKick().getName())));
            case PROMOTE -> command(new Command.Promote(clean(message.getPromote().getName())));
            case SET_TOPIC -> command(new Command.SetTopic(message.getSetTopic().hasTopic()
                    ? Optional.of(clean(message.getSetTopic().getTopic())) : Optional.empty()));
            case HELP -> command(new Command.Help());
            case EXIT -> command(new Command.Exit());
            case SHOW_HISTORY -> command(new Command.ShowHistory(historyLines(message.getShowHistory().getLines()),
                    historyBefore(message.getShowHistory().getBeforeSeq())));
            case KIND_NOT_SET -> Optional.empty();
        };
    }

    private static Optional<Input> text(String typed) {
        String text = clean(typed);
        return text.isBlank() ? Optional.empty() : Optional.of(new Input.ChatText(text));
    }

    private static Optional<Input> command(Command command) {
        return Optional.of(command);
    }

    private static String clean(String text) {
        return SafeText.clean(text);
    }

    /** 0 asks for the default; a uint32 past Java's int reads as negative, and asks for the most, as any count over it does. */
    private static int historyLines(int lines) {
        if (lines == 0) {
            return Command.ShowHistory.DEFAULT_LINES;
        }
        return lines < 0 ? Command.ShowHistory.MAX_LINES : Math.min(lines, Command.ShowHistory.MAX_LINES);
    }

    /**
     * 0 (unset) sets no bound; a uint64 past Java's long reads as negative, and is above every seq,
     * so it sets none either.
     */
    private static long historyBefore(long beforeSeq) {
        return beforeSeq <= 0 ? Command.ShowHistory.LATEST : beforeSeq;
    }

    /** A uint32 past Java's int reads as negative: it asks for a page past the last, as a huge one does. */
    private static int page(int page) {
        if (page == 0) {
            return FIRST_PAGE;
        }
        return page < 0 ? Integer.MAX_VALUE : page;
    }
}
