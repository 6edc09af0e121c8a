package roomchat.redis;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import roomchat.core.room.Member;
import roomchat.core.room.MemberPort;

/**
 * The members this node serves, by id, and the order of the changes made to each: a change of one
 * member (its own command, a kick from another node, its leaving) starts only when the one before
 * it has finished in Redis, so they happen in the order they were asked for, as on one server.
 *
 * <p><b>Threads:</b> any; the map is concurrent and each member's chain is guarded by its entry.
 */
final class LocalMembers {

    private static final class Entry {
        final Member member;
        /** The last change asked for. Guarded by this entry. */
        CompletableFuture<?> last = CompletableFuture.completedFuture(null);

        Entry(Member member) {
            this.member = member;
        }
    }

    private final String nodeId;
    /**
     * Member ids, from a start this node's earlier runs under the same id never reached (a thousand
     * a millisecond since the epoch), so that no ref is used twice, even across a restart.
     */
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1_000);
    private final Map<Long, Entry> byId = new ConcurrentHashMap<>();

    LocalMembers(String nodeId) {
        this.nodeId = nodeId;
    }

    /** A new member of this node, not yet served (see {@link #add}). */
    Member create(String name, MemberPort port, InetAddress address) {
        return new Member(ids.incrementAndGet(), name, port, address);
    }

    /** Serves {@code member} from now on. */
    void add(Member member) {
        byId.put(member.id(), new Entry(member));
    }

    /** Serves {@code member} no more. */
    void remove(Member member) {
        byId.remove(member.id());
    }

    /** The ref of a member of this node. */
    String ref(Member member) {
        return RedisKeys.ref(nodeId, member.id());
    }

    /** The member of this node with ref {@code ref}, or null (another node's, or gone). */
    Member byRef(String ref) {
        int colon = ref.lastIndexOf(':');
        if (colon < 0 || !ref.substring(0, colon).equals(nodeId)) {
            return null;
        }
        try {
            return byId(Long.parseLong(ref.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The member of this node with id {@code id}, or null. */
    Member byId(long id) {
        Entry entry = byId.get(id);
        return entry == null ? null : entry.member;
    }

    /**
     * Runs {@code change} of {@code member} once every change of it asked for before has finished,
     * whether or not they succeeded. A member not served (not yet, or no more) runs it at once.
     */
    <T> CompletionStage<T> serially(Member member, Supplier<CompletionStage<T>> change) {
        Entry entry = byId.get(member.id());
        if (entry == null) {
            return change.get();
        }
        synchronized (entry) {
            CompletableFuture<T> next = entry.last.handle((any, failure) -> null)
                    .thenCompose(ready -> change.get()).toCompletableFuture();
            entry.last = next;
            return next;
        }
    }

    /** Completes once every change asked for so far has finished. */
    CompletableFuture<Void> settled() {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        byId.values().forEach(entry -> {
            synchronized (entry) {
                pending.add(entry.last.handle((any, failure) -> null));
            }
        });
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }
}
