package roomchat.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import roomchat.core.name.LookAlikes;
import roomchat.core.name.NameRules;
import roomchat.core.room.NameChange;

/**
 * The cluster's screen names, in Redis ({@link RedisKeys#NAMES_BY_KEY}, {@link RedisKeys#NAMES_BY_SKELETON}):
 * each claim, change and release is one script, so two nodes claiming one name at the same instant
 * get one winner, and no name is held while another that passes for it is.
 */
final class NameStore {

    /** Who holds a name: the member's ref and the name as it spelled it. */
    record Holder(String ref, String name) {
        static Holder parse(String value) {
            int space = value.indexOf(' ');
            return new Holder(value.substring(0, space), value.substring(space + 1));
        }
    }

    private static final List<String> KEYS = List.of(RedisKeys.NAMES_BY_KEY, RedisKeys.NAMES_BY_SKELETON);

    private final RedisLink link;
    private final LuaScript claim;
    private final LuaScript rename;
    private final LuaScript release;

    NameStore(RedisLink link) {
        this.link = link;
        this.claim = link.script("claim");
        this.rename = link.script("rename");
        this.release = link.script("release");
    }

    /** Claims {@code name} for {@code ref}: null when it is claimed, else why not. */
    CompletionStage<NameChange> claim(String name, String ref) {
        List<String> args = new ArrayList<>(List.of(NameRules.key(name), ref, name));
        args.addAll(LookAlikes.skeletons(name));
        return claim.eval(KEYS, args).thenApply(NameStore::refusal);
    }

    /** Changes {@code ref}'s name from {@code oldName} to {@code newName}: null when done, else why not. */
    CompletionStage<NameChange> rename(String oldName, String newName, String ref) {
        List<String> newSkeletons = LookAlikes.skeletons(newName);
        List<String> args = new ArrayList<>(List.of(NameRules.key(newName), ref, newName, NameRules.key(oldName),
                Integer.toString(newSkeletons.size())));
        args.addAll(newSkeletons);
        args.addAll(LookAlikes.skeletons(oldName));
        return rename.eval(KEYS, args).thenApply(NameStore::refusal);
    }

    /** Frees {@code name} if {@code ref} still holds it. */
    CompletionStage<Void> release(String name, String ref) {
        List<String> args = new ArrayList<>(List.of(NameRules.key(name), ref));
        args.addAll(LookAlikes.skeletons(name));
        return release.eval(KEYS, args).thenApply(freed -> null);
    }

    /** Who holds {@code name} (ignoring case), or null. */
    CompletionStage<Holder> holder(String name) {
        return RedisFailures.guard(link.commands().hget(RedisKeys.NAMES_BY_KEY, NameRules.key(name)))
                .thenApply(value -> value == null ? null : Holder.parse(value));
    }

    /** Every name held, by name key. */
    CompletionStage<Map<String, String>> all() {
        return RedisFailures.guard(link.commands().hgetall(RedisKeys.NAMES_BY_KEY));
    }

    /** How many names are held. */
    CompletionStage<Long> count() {
        return RedisFailures.guard(link.commands().hlen(RedisKeys.NAMES_BY_KEY));
    }

    private static NameChange refusal(Object reply) {
        ScriptReply answer = ScriptReply.of(reply);
        return switch (answer.status()) {
            case "ok" -> null;
            case "taken" -> new NameChange.Taken();
            default -> new NameChange.TooLike(answer.text(1));
        };
    }
}
