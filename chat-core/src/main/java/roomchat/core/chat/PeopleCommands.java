package roomchat.core.chat;

import java.util.concurrent.CompletionStage;
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
    private final Said said;

    PeopleCommands(RoomRegistry registry, Broker broker, Said said) {
        this.registry = registry;
        this.broker = broker;
        this.said = said;
    }

    CompletionStage<Reply> privateMessage(Member sender, Command.PrivateMessage command) {
        if (!NameRules.isScreenName(command.name())) {
            return noSuchUser(command.name()).now();
        }
        return registry.findMember(command.name()).thenApply(recipient -> {
            if (recipient.isEmpty()) {
                return noSuchUser(command.name());
            }
            recipient.get().port().deliver(new Notice.PrivateLine(sender.name(), command.text()));
            return Reply.of(new Notice.Sent(recipient.get().name()));
        });
    }

    CompletionStage<Reply> nick(Member member, Command.Nick command) {
        String newName = command.name();
        if (!NameRules.isScreenName(newName)) {
            return Reply.error("invalid name: names are " + NameRules.SCREEN_NAME_RULE).now();
        }
        return registry.rename(member, newName).thenApply(change -> {
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
        });
    }

    CompletionStage<Reply> me(Member member, Command.Me command) {
        Room room = member.room();
        if (room != null) {
            said.publish(room, member, new Happening.Acted(command.action()));
        }
        return Reply.NONE_NOW;
    }

    private static Reply noSuchUser(String name) {
        return Reply.error("no user named " + name);
    }
}
