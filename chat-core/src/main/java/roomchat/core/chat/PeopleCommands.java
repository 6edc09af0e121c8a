package roomchat.core.chat;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.command.Command;
import roomchat.core.broker.Broker;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.name.NameRules;
import roomchat.core.room.Member;
import roomchat.core.room.NameChange;
import roomchat.core.room.Room;
import roomchat.core.room.RoomRegistry;

/** The commands about oneself and other users: {@code :msg}, {@code :nick}, {@code :me}. */
final class PeopleCommands {

    private static final Logger log = LoggerFactory.getLogger(PeopleCommands.class);

    private final RoomRegistry registry;
    private final Broker broker;

    PeopleCommands(RoomRegistry registry, Broker broker) {
        this.registry = registry;
        this.broker = broker;
    }

    Reply privateMessage(Member sender, Command.PrivateMessage command) {
        Optional<Member> recipient = NameRules.isScreenName(command.name())
                ? registry.findMember(command.name()) : Optional.empty();
        if (recipient.isEmpty()) {
            return Reply.error("no user named " + command.name());
        }
        recipient.get().port().deliver(new Notice.PrivateLine(sender.name(), command.text()));
        return Reply.of(new Notice.Sent(recipient.get().name()));
    }

    Reply nick(Member member, Command.Nick command) {
        String newName = command.name();
        if (!NameRules.isScreenName(newName)) {
            return Reply.error("invalid name: names are " + NameRules.SCREEN_NAME_RULE);
        }
        NameChange change = registry.rename(member, newName);
        if (!(change instanceof NameChange.Renamed renamed)) {
            return Reply.error(NameRefusals.why(newName, change));
        }
        String oldName = renamed.oldName();
        log.info("{} {} is now {}", member.address(), oldName, newName);
        Room room = member.room();
        if (room != null) {
            broker.publish(room, new RoomEvent(room.name(), 0, null, oldName, member, new Happening.Renamed(newName)));
        }
        return Reply.of(new Notice.NameChanged(newName));
    }

    Reply me(Member member, Command.Me command) {
        Room room = member.room();
        if (room != null) {
            Said.publish(broker, room, member, new Happening.Acted(command.action()));
        }
        return Reply.NONE;
    }
}
