package roomchat.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import roomchat.core.room.Departure;
import roomchat.core.room.HostOutcome;
import roomchat.core.room.Member;
import roomchat.core.room.Room;
import roomchat.core.room.RoomChange;

/**
 * What only a room's host may do, in a cluster: each is one run of {@code host.lua} on the room's
 * keys, which checks that its giver is a host there (and its target a member) in the same step as
 * the change. A kicked member of another node is moved by its own node, told on its channel before
 * the room hears of the kick.
 */
final class HostActions {

    /** Moves a member of this node, kicked out of a room by a host, into the default room. */
    @FunctionalInterface
    interface KickedHere {
        CompletionStage<RoomChange.Moved> move(Member member, String roomName, String by);
    }

    private final RedisLink link;
    private final NameStore names;
    private final RoomStore rooms;
    private final LocalMembers locals;
    private final KickedHere kickedHere;

    HostActions(RedisLink link, NameStore names, RoomStore rooms, LocalMembers locals, KickedHere kickedHere) {
        this.link = link;
        this.names = names;
        this.rooms = rooms;
        this.locals = locals;
        this.kickedHere = kickedHere;
    }

    CompletionStage<HostOutcome> setPassword(Member host, String password) {
        Room room = host.room();
        return run(host, "pw", password == null ? "" : PasswordDigest.of(room.name(), password))
                .thenApply(reply -> reply.status().equals("done") ? new HostOutcome.Done(room) : refusal(reply, room, null));
    }

    CompletionStage<HostOutcome> setTopic(Member host, String topic) {
        Room room = host.room();
        return run(host, "topic", topic == null ? "" : topic)
                .thenApply(reply -> reply.status().equals("done") ? new HostOutcome.Done(room) : refusal(reply, room, null));
    }

    CompletionStage<HostOutcome> kick(Member host, String targetName) {
        Room room = host.room();
        return actOn(host, targetName, "kick").thenCompose(reply -> {
            if (!reply.status().equals("kicked")) {
                return CompletableFuture.completedFuture(refusal(reply, room, targetName));
            }
            String targetRef = reply.text(reply.size() - 1);
            Departure left = new Departure(room, null, (int) reply.number(2));
            Member local = locals.byRef(targetRef);
            if (local == null) {
                // Its node moves it, told before the room hears of the kick, so it hears nothing more of the room.
                link.commands().publish(RedisKeys.nodeChannel(RedisKeys.nodeOf(targetRef)),
                        NodeMessage.kick(targetRef, room.name(), host.name()).encode());
                return CompletableFuture.completedFuture(new HostOutcome.Kicked(reply.text(1), left, null));
            }
            return kickedHere.move(local, room.name(), host.name())
                    .thenApply(moved -> (HostOutcome) new HostOutcome.Kicked(reply.text(1), left, moved));
        });
    }

    CompletionStage<HostOutcome> promote(Member host, String targetName) {
        Room room = host.room();
        return actOn(host, targetName, "promote").thenApply(reply -> reply.status().equals("promoted")
                ? new HostOutcome.Promoted(room, reply.text(1)) : refusal(reply, room, targetName));
    }

    private CompletionStage<ScriptReply> run(Member host, String action, String value) {
        return rooms.hostAction(host.room().name(), locals.ref(host), action, value);
    }

    /**
     * The host's action on the member called {@code targetName}; the reply's last value is the
     * target's ref. With no such member, the script still says first whether the asker is a host
     * (then: not in the room).
     */
    private CompletionStage<ScriptReply> actOn(Member host, String targetName, String action) {
        return names.holder(targetName).thenCompose(holder -> {
            if (holder == null) {
                return run(host, "check", "");
            }
            return run(host, action, holder.ref()).thenApply(reply -> {
                List<Object> values = new ArrayList<>(reply.values());
                values.add(holder.ref());
                return new ScriptReply(values);
            });
        });
    }

    private static HostOutcome refusal(ScriptReply reply, Room room, String targetName) {
        return switch (reply.status()) {
            case "unhosted" -> new HostOutcome.Unhosted(room);
            case "nothost" -> new HostOutcome.NotHost(room);
            case "self" -> new HostOutcome.Self();
            case "notin" -> new HostOutcome.NotInRoom(room, targetName);
            default -> throw new IllegalStateException("unexpected answer from Redis: " + reply.values());
        };
    }
}
