package roomchat.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import roomchat.core.name.NameRules;
import roomchat.core.room.Page;
import roomchat.core.room.RoomInfo;
import roomchat.core.room.RoomList;

/**
 * The cluster's rooms, in Redis: every change to one room (entering, making, leaving, what hosts do)
 * is one script on that room's keys, all in its hash slot ({@link RedisKeys}), so each is atomic and
 * the rules (passwords, hosts, the longest-present member succeeding the last host) hold across
 * nodes. The index of rooms ({@link RedisKeys#ROOM_INDEX}) lives in a slot of its own and follows
 * the rooms a step behind.
 */
final class RoomStore {

    /** How long the sequence counter of a removed room is kept, so a room made again numbers on. */
    static final long SEQ_KEPT_SECONDS = 86_400;

    private static final String[] PARTS = {"meta", "members", "names", "hosts", "arrivals", "seq", "events"};

    private final RedisAsyncCommands<String, String> commands;
    private final LuaScript enter;
    private final LuaScript create;
    private final LuaScript leave;
    private final LuaScript host;
    private final LuaScript describe;
    private final LuaScript renamed;

    RoomStore(RedisLink link) {
        this.commands = link.commands();
        this.enter = link.script("enter");
        this.create = link.script("create");
        this.leave = link.script("leave");
        this.host = link.script("host");
        this.describe = link.script("describe");
        this.renamed = link.script("renamed");
    }

    /** Puts {@code ref} in room {@code roomName} (made on first use when it is the default room). */
    CompletionStage<ScriptReply> enter(String roomName, String ref, String memberName, String digest, int namesListed,
                                       boolean isDefault) {
        return enter.eval(keys(roomName, 6), List.of(ref, memberName, digest, Integer.toString(namesListed),
                isDefault ? "default" : "enter", roomName)).thenCompose(reply -> indexed(roomName, ScriptReply.of(reply), "ok"));
    }

    /** Makes room {@code roomName} with {@code ref} in it as its host. */
    CompletionStage<ScriptReply> create(String roomName, String ref, String memberName) {
        return create.eval(keys(roomName, 6), List.of(ref, memberName, roomName))
                .thenCompose(reply -> indexed(roomName, ScriptReply.of(reply), "ok"));
    }

    /** Takes {@code ref} out of room {@code roomName}; the room goes from the index when that emptied it. */
    CompletionStage<ScriptReply> leave(String roomName, String ref) {
        return leave.eval(keys(roomName, 7), List.of(ref, Long.toString(SEQ_KEPT_SECONDS))).thenCompose(reply -> {
            ScriptReply answer = ScriptReply.of(reply);
            if (!answer.status().equals("removed")) {
                return CompletableFuture.completedFuture(answer);
            }
            String key = NameRules.key(roomName);
            // Made again meanwhile, by another node? Then it stays listed.
            return RedisFailures.guard(commands.zrem(RedisKeys.ROOM_INDEX, key))
                    .thenCompose(removed -> RedisFailures.guard(commands.exists(RedisKeys.room(roomName, "meta"))))
                    .thenCompose(exists -> exists > 0 ? index(roomName) : CompletableFuture.completedFuture(null))
                    .thenApply(done -> answer);
        });
    }

    /** What only a host may do ({@code host.lua}): {@code action} with {@code value} in room {@code roomName}. */
    CompletionStage<ScriptReply> hostAction(String roomName, String hostRef, String action, String value) {
        return host.eval(keys(roomName, 4), List.of(hostRef, action, value)).thenApply(ScriptReply::of);
    }

    /** Shows member {@code ref}'s new name in room {@code roomName}, if it is still there. */
    CompletionStage<Void> renamed(String roomName, String ref, String newName) {
        return renamed.eval(List.of(RedisKeys.room(roomName, "members"), RedisKeys.room(roomName, "names")),
                List.of(ref, newName)).thenApply(shown -> null);
    }

    /** One page of room {@code roomName} as {@code :who} shows it, or null when it is gone. */
    CompletionStage<RoomInfo> describe(String roomName, Page page) {
        return describe.eval(keys(roomName, 4), List.of(Long.toString(page.offset()), Integer.toString(page.size())))
                .thenApply(reply -> {
                    ScriptReply answer = ScriptReply.of(reply);
                    if (answer.size() == 0) {
                        return null;
                    }
                    List<String> names = new ArrayList<>();
                    List<String> hosts = new ArrayList<>();
                    for (int i = 4; i + 1 < answer.size(); i += 2) {
                        names.add(answer.text(i));
                        if (answer.number(i + 1) == 1) {
                            hosts.add(answer.text(i));
                        }
                    }
                    return new RoomInfo(answer.text(0), names, hosts, (int) answer.number(3), answer.textOrNull(1),
                            answer.number(2) == 1);
                });
    }

    /** Room {@code roomName}'s spelled name and password digest (null: none), or null when there is no such room. */
    CompletionStage<String[]> entry(String roomName) {
        return RedisFailures.guard(commands.hmget(RedisKeys.room(roomName, "meta"), "name", "pw")).thenApply(values ->
                values.get(0).hasValue() ? new String[] {values.get(0).getValue(), values.get(1).getValueOrElse(null)} : null);
    }

    /** The refs and names of room {@code roomName}'s hosts. */
    CompletionStage<List<KeyValue<String, String>>> hosts(String roomName) {
        return RedisFailures.guard(commands.smembers(RedisKeys.room(roomName, "hosts"))).thenCompose(refs -> {
            if (refs.isEmpty()) {
                return CompletableFuture.completedFuture(List.of());
            }
            return RedisFailures.guard(commands.hmget(RedisKeys.room(roomName, "names"), refs.toArray(String[]::new)))
                    .thenApply(names -> names.stream().filter(KeyValue::hasValue).toList());
        });
    }

    /** The refs of room {@code roomName}'s members. */
    CompletionStage<List<String>> memberRefs(String roomName) {
        return RedisFailures.guard(commands.zrange(RedisKeys.room(roomName, "members"), 0, -1));
    }

    /** The keys of every room, in name order. */
    CompletionStage<List<String>> roomKeys() {
        return RedisFailures.guard(commands.zrange(RedisKeys.ROOM_INDEX, 0, -1));
    }

    /** How many rooms there are. */
    CompletionStage<Long> count() {
        return RedisFailures.guard(commands.zcard(RedisKeys.ROOM_INDEX));
    }

    /** One page of the rooms, in name order, each with its size, topic and lock. */
    CompletionStage<RoomList> list(Page page) {
        CompletionStage<Long> total = count();
        return RedisFailures.guard(commands.zrangebylex(RedisKeys.ROOM_INDEX, Range.unbounded(),
                io.lettuce.core.Limit.create(page.offset(), page.size()))).thenCompose(roomKeys -> {
                    List<CompletableFuture<RoomInfo>> infos = roomKeys.stream().map(key -> info(key).toCompletableFuture()).toList();
                    return CompletableFuture.allOf(infos.toArray(CompletableFuture[]::new)).thenCombine(total, (all, count) -> {
                        List<RoomInfo> rooms = infos.stream().map(CompletableFuture::join).filter(info -> info != null).toList();
                        return new RoomList(rooms, count.intValue());
                    });
                });
    }

    /** Lists room {@code roomName} in the index. */
    CompletionStage<Void> index(String roomName) {
        return RedisFailures.guard(commands.zadd(RedisKeys.ROOM_INDEX, 0, NameRules.key(roomName))).thenApply(added -> null);
    }

    private CompletionStage<RoomInfo> info(String roomKey) {
        CompletionStage<Long> size = RedisFailures.guard(commands.zcard(RedisKeys.room(roomKey, "members")));
        return RedisFailures.guard(commands.hmget(RedisKeys.room(roomKey, "meta"), "name", "topic", "pw")).thenCombine(size,
                (meta, members) -> meta.get(0).hasValue() ? new RoomInfo(meta.get(0).getValue(), List.of(), List.of(),
                        members.intValue(), meta.get(1).getValueOrElse(null), meta.get(2).hasValue()) : null);
    }

    private CompletionStage<ScriptReply> indexed(String roomName, ScriptReply answer, String when) {
        if (!answer.status().equals(when)) {
            return CompletableFuture.completedFuture(answer);
        }
        return index(roomName).thenApply(done -> answer);
    }

    private static List<String> keys(String roomName, int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(RedisKeys.room(roomName, PARTS[i]));
        }
        return keys;
    }
}
