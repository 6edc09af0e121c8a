package roomchat.core.chat;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.command.Command;
import roomchat.core.dispatch.Dispatcher;
import roomchat.core.name.NameRules;
import roomchat.core.room.Member;
import roomchat.core.room.NameChange;
import roomchat.core.room.Room;
import roomchat.core.room.RoomMessage;
import roomchat.core.room.RoomRegistry;

/** The commands about oneself and other users: {@code :msg}, {@code :nick}, {@code :me}. */
final class PeopleCommands {

    private static final Logger log = LoggerFactory.getLogger(PeopleCommands.class);

    private final RoomRegistry registry;
    private final Dispatcher dispatcher;

    PeopleCommands(RoomRegistry registry, Dispatcher dispatcher) {
        this.registry = registry;
        this.dispatcher = dispatcher;
    }

    Reply privateMessage(Member sender, Command.PrivateMessage command) {
        Optional<Member> recipient = NameRules.isScreenName(command.name())
                ? registry.findMember(command.name()) : Optional.empty();
        if (recipient.isEmpty()) {
            return Reply.of(Lines.noSuchUser(command.name()));
        }
        dispatcher.sendTo(recipient.get(), Lines.privateLine(sender, command.text()));
        return Reply.of(Lines.notice("sent to " + recipient.get().name()));
    }

    Reply nick(Member member, Command.Nick command) {
        String newName = command.name();
        if (!NameRules.isScreenName(newName)) {
            return Reply.of(Lines.error("invalid name: names are " + NameRules.SCREEN_NAME_RULE));
        }
        NameChange change = registry.rename(member, newName);
        if (!(change instanceof NameChange.Renamed renamed)) {
            return Reply.of(Lines.error(Lines.nameRefused(newName, change)));
        }
        String oldName = renamed.oldName();
        log.info("{} {} is now {}", member.address(), oldName, newName);
        Room room = member.room();
        if (room != null) {
            dispatcher.publish(room, RoomMessage.toOthers(Lines.renamed(room, oldName, newName), member));
        }
        return Reply.of(Lines.notice("you are now " + newName));
    }

    Reply me(Member member, Command.Me command) {
        Room room = member.room();
        if (room != null) {
            dispatcher.publish(room, RoomMessage.said(Lines.action(room, member, command.action()), member));
        }
        return Reply.NONE;
    }
}
