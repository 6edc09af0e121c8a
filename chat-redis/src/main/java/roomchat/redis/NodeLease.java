package roomchat.redis;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's lease on its membership of the cluster ({@link RedisKeys#NODES}): renewed every third of
 * its length; a node whose lease ran out is dead, and the first live node to notice claims it
 * ({@link RedisKeys#reapClaim}, only while the lease is still run out: {@code reapclaim.lua}), takes
 * its members out of their rooms and frees their names ({@link RedisRoomRegistry#reap}), then
 * removes its lease. A node that finds itself being reaped, or its lease gone (it could not renew
 * it for a whole lease, a pause or a partition, and others reaped it), can't vouch for its members
 * any more, and says so ({@link #onLost}). It can't renew while claimed ({@code renew.lua}): a node
 * that wakes in the middle of its reaping never goes on as if its members were still in.
 *
 * <p><b>Threads:</b> ticks on the link's timer, and on a Lettuce thread when the link comes up;
 * everything else completes on Lettuce's threads. Two ticks may overlap: {@link #held} is swapped
 * atomically, so each loss is told once.
 */
public final class NodeLease implements AutoCloseable {

    /** How long a node stays in the cluster without renewing its lease, unless told otherwise. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);
    /** How often a starting node looks whether a peer has finished reaping its previous incarnation. */
    private static final long RETRY_MILLIS = 200;

    /** What renewing found: {@code renew.lua}'s answers. */
    private enum Renewal {
        /** A peer is reaping this node: not renewed. */
        REAPING,
        /** Renewed; the node had a lease, perhaps run out (Redis was away, nobody reaped it). */
        RENEWED,
        /** Taken anew: the node had no lease (first start, reaped, or Redis lost its data). */
        NEW
    }

    private final RedisLink link;
    private final RedisRoomRegistry registry;
    private final long leaseMillis;
    private final LuaScript renewal;
    private final LuaScript reapClaim;
    private final List<Runnable> lostListeners = new CopyOnWriteArrayList<>();
    /** Whether this node holds a lease its members can count on. */
    private final AtomicBoolean held = new AtomicBoolean();
    /** No peer is reaped before this time (ms): after an outage of Redis, every node renews first. */
    private volatile long reapAfter;
    private volatile ScheduledFuture<?> ticks;

    /** The lease of {@code link}'s node, of length {@code lease}, whose dead peers {@code registry} reaps. */
    public NodeLease(RedisLink link, RedisRoomRegistry registry, Duration lease) {
        this.link = link;
        this.registry = registry;
        this.leaseMillis = lease.toMillis();
        this.renewal = link.script("renew");
        this.reapClaim = link.script("reapclaim");
        link.onUp(() -> {
            reapAfter = System.currentTimeMillis() + leaseMillis / 2;
            tick();
        });
    }

    /**
     * Takes the lease (waits for Redis: call it once, at start) and renews it from now on. A node
     * that restarts under the id of one still holding a lease (it crashed moments ago) first takes
     * that one's members out, as a peer would have once the lease ran out; one a peer is reaping
     * right now waits for the reaping to end.
     */
    public void start() {
        Renewal first = renew().toCompletableFuture().join();
        long deadline = System.currentTimeMillis() + leaseMillis;
        while (first == Renewal.REAPING && System.currentTimeMillis() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS));
            first = renew().toCompletableFuture().join();
        }
        if (first == Renewal.RENEWED) {
            log.info("node {} held a lease already (it restarted within it): taking its previous members out", link.nodeId());
            registry.reap(link.nodeId()).toCompletableFuture().join();
        }
        held.set(first != Renewal.REAPING);
        long period = Math.max(1, leaseMillis / 3);
        ticks = link.timer().scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code listener} when this node finds its lease gone. */
    public void onLost(Runnable listener) {
        lostListeners.add(listener);
    }

    /** Gives the lease up at once (a clean shutdown, after the node's members left). */
    @Override
    public void close() {
        ScheduledFuture<?> running = ticks;
        if (running != null) {
            running.cancel(false);
        }
        if (link.up()) {
            link.commands().zrem(RedisKeys.NODES, link.nodeId()).toCompletableFuture().orTimeout(2, TimeUnit.SECONDS)
                    .exceptionally(failure -> null).join();
        }
    }

    private void tick() {
        if (!link.up()) {
            return;
        }
        renew().thenAccept(outcome -> {
            boolean wasHeld = held.getAndSet(outcome != Renewal.REAPING);
            // Being reaped, or reaped already: not merely run out (a lease that ran out while Redis was away is renewed).
            if (wasHeld && outcome != Renewal.RENEWED) {
                log.warn("node {} lost its lease ({}): the cluster has let its members go", link.nodeId(), outcome);
                lostListeners.forEach(Runnable::run);
            }
        }).thenRun(this::reapDead)
                .exceptionally(failure -> {
                    log.debug("lease not renewed: {}", failure.toString());
                    return null;
                });
    }

    private CompletionStage<Renewal> renew() {
        return renewal.eval(List.of(RedisKeys.NODES, RedisKeys.reapClaim(link.nodeId())),
                        List.of(link.nodeId(), Long.toString(leaseMillis)))
                .thenApply(reply -> Renewal.valueOf(((String) reply.get(0)).toUpperCase(Locale.ROOT)));
    }

    private void reapDead() {
        if (System.currentTimeMillis() < reapAfter) {
            return;
        }
        // Every peer is a candidate: whether its lease ran out is Redis's to say, by its own clock (reapclaim.lua).
        RedisFailures.guard(link.commands().zrange(RedisKeys.NODES, 0, -1))
                .thenAccept(nodes -> nodes.stream().filter(node -> !node.equals(link.nodeId())).forEach(this::reap));
    }

    private void reap(String node) {
        String claim = RedisKeys.reapClaim(node);
        // One live node reaps each dead one; the claim lapses, so a reaper that dies midway is followed by another.
        reapClaim.eval(List.of(RedisKeys.NODES, claim),
                        List.of(node, link.nodeId(), Long.toString(leaseMillis)))
                .thenCompose(won -> {
                    if (!Long.valueOf(1).equals(won.get(0))) {
                        return CompletableFuture.completedFuture(null);
                    }
                    log.info("node {} let its lease run out: taking its members out", node);
                    return registry.reap(node)
                            .thenCompose(done -> RedisFailures.guard(link.commands().zrem(RedisKeys.NODES, node)))
                            .whenComplete((done, failure) -> {
                                // Done, or tried again at the next tick (not once the claim lapsed); the node,
                                // gone from the nodes, finds itself reaped when it next renews.
                                link.commands().del(claim);
                            });
                }).exceptionally(failure -> {
                    log.warn("reaping node {} failed; tried again next tick: {}", node, failure.toString());
                    return null;
                });
    }
}
