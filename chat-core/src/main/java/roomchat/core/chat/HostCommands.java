package roomchat.core.chat;

import java.util.concurrent.CompletionStage;
import roomchat.core.broker.Broker;
import roomchat.core.command.Command;
import roomchat.core.event.Happening;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.HostOutcome;
import roomchat.core.room.Member;
import roomchat.core.room.Room;
import roomchat.core.room.RoomRegistry;

/**
 * The commands only a room's host may give: {@code :passwd}, {@code :topic}, {@code :kick},
 * {@code :host}. What they change is told to the whole room, the host included; a password never
 * appears in any line.
 */
final class HostCommands {

    private final RoomRegistry registry;
    private final Broker broker;
    private final Moves moves;

    HostCommands(RoomRegistry registry, Broker broker, Moves moves) {
        this.registry = registry;
        this.broker = broker;
        this.moves = moves;
    }

    CompletionStage<Reply> password(Member host, Command.SetPassword command) {
        return registry.setPassword(host, command.password().orElse(null)).thenApply(outcome ->
                toldRoom(outcome, host, new Happening.LockChanged(command.password().isPresent())));
    }

    CompletionStage<Reply> topic(Member host, Command.SetTopic command) {
        return registry.setTopic(host, command.topic().orElse(null)).thenApply(outcome ->
                toldRoom(outcome, host, new Happening.TopicChanged(command.topic().orElse(null))));
    }

    CompletionStage<Reply> kick(Member host, Command.Kick command) {
        return registry.kick(host, command.name()).thenApply(outcome -> {
            if (outcome instanceof HostOutcome.Kicked kicked) {
                // The kicked member was told, in the default room's order, as it arrived there.
                moves.announceKick(kicked, host);
                return Reply.NONE;
            }
            if (outcome instanceof HostOutcome.Self) {
                return Reply.error("you can't kick yourself");
            }
            return refusal(outcome);
        });
    }

    CompletionStage<Reply> promote(Member host, Command.Promote command) {
        return registry.promote(host, command.name()).thenApply(outcome -> {
            if (outcome instanceof HostOutcome.Promoted promoted) {
                tellRoom(promoted.room(), host, new Happening.HostGranted(promoted.target()));
                return Reply.NONE;
            }
            if (outcome instanceof HostOutcome.Self) {
                return Reply.error("you are a host already");
            }
            return refusal(outcome);
        });
    }

    /** Tells the room what the host changed, when it was done; else why not. */
    private Reply toldRoom(HostOutcome outcome, Member host, Happening what) {
        if (outcome instanceof HostOutcome.Done done) {
            tellRoom(done.room(), host, what);
            return Reply.NONE;
        }
        return refusal(outcome);
    }

    private void tellRoom(Room room, Member host, Happening what) {
        broker.publish(room, RoomEvent.draft(room.name(), host, what));
    }

    private static Reply refusal(HostOutcome outcome) {
        if (outcome instanceof HostOutcome.Unhosted unhosted) {
            return Reply.error("room " + unhosted.room().name() + " has no hosts, so nobody can do that there");
        }
        if (outcome instanceof HostOutcome.NotInRoom notInRoom) {
            return Reply.error("no user named " + notInRoom.name() + " in " + notInRoom.room().name());
        }
        Room room = ((HostOutcome.NotHost) outcome).room();
        return Reply.error("only a host of " + room.name() + " can do that");
    }
}
