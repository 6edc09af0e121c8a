package roomchat.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's lease on its membership of the cluster ({@link RedisKeys#NODES}): renewed every third of
 * its length; a node whose lease ran out is dead, and the first live node to notice takes its
 * members out of their rooms and frees their names ({@link RedisRoomRegistry#reap}). A node that
 * finds its own lease gone (it could not renew it for a whole lease: others have reaped it) can't
 * vouch for its members any more, and says so ({@link #onLost}).
 *
 * <p><b>Threads:</b> ticks on the link's timer; everything else completes on Lettuce's threads.
 */
public final class NodeLease implements AutoCloseable {

    /** How long a node stays in the cluster without renewing its lease, unless told otherwise. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);

    private final RedisLink link;
    private final RedisRoomRegistry registry;
    private final long leaseMillis;
    private final List<Runnable> lostListeners = new CopyOnWriteArrayList<>();
    private volatile boolean held;
    /** No peer is reaped before this time (ms): after an outage of Redis, every node renews first. */
    private volatile long reapAfter;
    private volatile ScheduledFuture<?> ticks;

    /** The lease of {@code link}'s node, of length {@code lease}, whose dead peers {@code registry} reaps. */
    public NodeLease(RedisLink link, RedisRoomRegistry registry, Duration lease) {
        this.link = link;
        this.registry = registry;
        this.leaseMillis = lease.toMillis();
        link.onUp(() -> {
            reapAfter = System.currentTimeMillis() + leaseMillis / 2;
            tick();
        });
    }

    /** Takes the lease (waits for Redis: call it once, at start) and renews it from now on. */
    public void start() {
        renew().toCompletableFuture().join();
        held = true;
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
        RedisFailures.guard(link.commands().zscore(RedisKeys.NODES, link.nodeId())).thenAccept(expiry -> {
            // Gone, not merely run out: a peer reaped it (a lease that ran out while Redis was away is renewed).
            if (held && expiry == null) {
                log.warn("node {} lost its lease: the cluster has let its members go", link.nodeId());
                lostListeners.forEach(Runnable::run);
            }
        }).thenCompose(checked -> renew()).thenRun(this::reapDead)
                .exceptionally(failure -> {
                    log.debug("lease not renewed: {}", failure.toString());
                    return null;
                });
    }

    private java.util.concurrent.CompletionStage<Long> renew() {
        return RedisFailures.guard(link.commands().zadd(RedisKeys.NODES, System.currentTimeMillis() + leaseMillis, link.nodeId()));
    }

    private void reapDead() {
        if (System.currentTimeMillis() < reapAfter) {
            return;
        }
        RedisFailures.guard(link.commands().zrangebyscore(RedisKeys.NODES, Range.create(0d, (double) System.currentTimeMillis())))
                .thenAccept(dead -> dead.stream().filter(node -> !node.equals(link.nodeId())).forEach(this::reap));
    }

    private void reap(String node) {
        // One live node reaps each dead one; the claim lapses, so a reaper that dies midway is followed by another.
        RedisFailures.guard(link.commands().set("rc:reap:" + node, link.nodeId(), SetArgs.Builder.nx().px(leaseMillis)))
                .thenCompose(won -> {
                    if (!"OK".equals(won)) {
                        return java.util.concurrent.CompletableFuture.completedFuture(null);
                    }
                    log.info("node {} let its lease run out: taking its members out", node);
                    return registry.reap(node).thenCompose(done -> RedisFailures.guard(link.commands().zrem(RedisKeys.NODES, node)));
                }).exceptionally(failure -> {
                    log.warn("reaping node {} failed; tried again next tick: {}", node, failure.toString());
                    return null;
                });
    }
}
