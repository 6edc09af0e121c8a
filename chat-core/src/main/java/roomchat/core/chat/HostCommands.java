package roomchat.core.chat;

import java.util.List;
import roomchat.core.command.Command;
import roomchat.core.dispatch.Dispatcher;
import roomchat.core.room.HostOutcome;
import roomchat.core.room.Member;
import roomchat.core.room.Room;
import roomchat.core.room.RoomMessage;
import roomchat.core.room.RoomRegistry;

/**
 * The commands only a room's host may give: {@code :passwd}, {@code :topic}, {@code :kick},
 * {@code :host}. What they change is told to the whole room, the host included; a password never
 * appears in any line.
 */
final class HostCommands {

    private final RoomRegistry registry;
    private final Dispatcher dispatcher;
    private final Moves moves;

    HostCommands(RoomRegistry registry, Dispatcher dispatcher, Moves moves) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.moves = moves;
    }

    Reply password(Member host, Command.SetPassword command) {
        HostOutcome outcome = registry.setPassword(host, command.password().orElse(null));
        if (outcome instanceof HostOutcome.Done done) {
            tellRoom(done.room(), Lines.locked(done.room(), host, command.password().isPresent()));
            return Reply.NONE;
        }
        return refusal(outcome);
    }

    Reply topic(Member host, Command.SetTopic command) {
        HostOutcome outcome = registry.setTopic(host, command.topic().orElse(null));
        if (outcome instanceof HostOutcome.Done done) {
            tellRoom(done.room(), Lines.topicChanged(done.room(), host, command.topic().orElse(null)));
            return Reply.NONE;
        }
        return refusal(outcome);
    }

    Reply kick(Member host, Command.Kick command) {
        HostOutcome outcome = registry.kick(host, command.name());
        if (outcome instanceof HostOutcome.Kicked kicked) {
            Member target = kicked.move().member();
            Room from = kicked.from();
            dispatcher.sendTo(target, Lines.kickedYou(from, host));
            List<String> targetLines = moves.announceKick(kicked.move(), host);
            targetLines.forEach(line -> dispatcher.sendTo(target, line));
            return Reply.NONE;
        }
        if (outcome instanceof HostOutcome.Self) {
            return Reply.of(Lines.error("you can't kick yourself"));
        }
        return refusal(outcome);
    }

    Reply promote(Member host, Command.Promote command) {
        HostOutcome outcome = registry.promote(host, command.name());
        if (outcome instanceof HostOutcome.Promoted promoted) {
            dispatcher.publish(promoted.room(), RoomMessage.toAll(Lines.newHost(promoted.target(), promoted.room())));
            return Reply.NONE;
        }
        if (outcome instanceof HostOutcome.Self) {
            return Reply.of(Lines.error("you are a host already"));
        }
        return refusal(outcome);
    }

    private void tellRoom(Room room, String line) {
        dispatcher.publish(room, RoomMessage.toAll(line));
    }

    private static Reply refusal(HostOutcome outcome) {
        if (outcome instanceof HostOutcome.Unhosted unhosted) {
            return Reply.of(Lines.error("room " + unhosted.room().name() + " has no hosts, so nobody can do that there"));
        }
        if (outcome instanceof HostOutcome.NotInRoom notInRoom) {
            return Reply.of(Lines.error("no user named " + notInRoom.name() + " in " + notInRoom.room().name()));
        }
        Room room = ((HostOutcome.NotHost) outcome).room();
        return Reply.of(Lines.error("only a host of " + room.name() + " can do that"));
    }
}
