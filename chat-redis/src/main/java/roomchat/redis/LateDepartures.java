package roomchat.redis;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import roomchat.core.event.LeaveReason;
import roomchat.core.room.Departure;
import roomchat.core.room.ForcedMoves;
import roomchat.core.room.Member;

/**
 * Leavings that no command on this node is waiting for, announced when Redis has made them: the
 * members of a dead node, which this node reaps, and a leaving that had to wait for Redis to come
 * back. Each is announced as any leaving is ({@link ForcedMoves}), with its new host if it made one.
 */
final class LateDepartures {

    private final NameStore names;
    private final RoomStore rooms;
    private final RoomHandles handles;
    private final Supplier<ForcedMoves> announcer;
    private final BiFunction<String, String, Member> members;

    /** {@code members} makes the member of a ref (null: unknown) and a name, as the registry does. */
    LateDepartures(NameStore names, RoomStore rooms, RoomHandles handles, Supplier<ForcedMoves> announcer,
                   BiFunction<String, String, Member> members) {
        this.names = names;
        this.rooms = rooms;
        this.handles = handles;
        this.announcer = announcer;
        this.members = members;
    }

    /**
     * Takes every member of node {@code node}, which died, out of its room (announced as a lost
     * connection) and frees its name. Idempotent: what is gone already is skipped.
     */
    CompletionStage<Void> reap(String node) {
        return rooms.roomKeys()
                .thenCompose(roomKeys -> all(roomKeys, roomKey -> reapRoom(roomKey, node)))
                .thenCompose(done -> names.all())
                .thenCompose(held -> all(held.values().stream().map(NameStore.Holder::parse)
                        .filter(holder -> RedisKeys.nodeOf(holder.ref()).equals(node)).toList(),
                        holder -> names.release(holder.name(), holder.ref())));
    }

    /** Announces a leaving that {@code leave.lua} answered with {@code reply}, for {@code why}. */
    void announce(ScriptReply reply, LeaveReason why) {
        if (reply.status().equals("left")) {
            String newHost = reply.textOrNull(2);
            Departure departure = new Departure(handles.find(reply.text(4)),
                    newHost == null ? null : members.apply(null, newHost), (int) reply.number(1));
            announcer.get().departed(members.apply(null, reply.text(3)), departure, why);
        }
    }

    private CompletionStage<Void> reapRoom(String roomKey, String node) {
        return rooms.memberRefs(roomKey).thenCompose(refs -> all(refs.stream().filter(ref -> RedisKeys.nodeOf(ref).equals(node)).toList(),
                ref -> rooms.leave(roomKey, ref).thenAccept(reply -> announce(reply, LeaveReason.CONNECTION_LOST))));
    }

    private static <T> CompletionStage<Void> all(List<T> items, Function<T, CompletionStage<?>> step) {
        return CompletableFuture.allOf(items.stream().map(item -> step.apply(item).toCompletableFuture()).toArray(CompletableFuture[]::new));
    }
}
