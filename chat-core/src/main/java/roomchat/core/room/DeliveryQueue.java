package roomchat.core.room;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A room's deliveries waiting to run, in the order they were offered, with the flag that lets at
 * most one dispatcher thread drain them at a time. That single drainer is what keeps each room's
 * order without a lock: producers only append, and whoever turns the flag on schedules the drain.
 */
public final class DeliveryQueue {

    private final Queue<Delivery> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /**
     * Appends a delivery. Safe from any thread.
     *
     * @return true when the caller must schedule a drain, because no drain is running or due
     */
    public boolean offer(Delivery delivery) {
        pending.add(delivery);
        return claim();
    }

    /** Appends a delivery without claiming the drain: whoever appends must {@link #claim} soon after. */
    public void append(Delivery delivery) {
        pending.add(delivery);
    }

    /**
     * Claims the drain for what was appended. Safe from any thread.
     *
     * @return true when the caller must schedule a drain, because no drain is running or due
     */
    public boolean claim() {
        return draining.compareAndSet(false, true);
    }

    /** The next delivery, or null when none is waiting. Only the current drainer calls this. */
    public Delivery poll() {
        return pending.poll();
    }

    /**
     * Called by the drainer when {@link #poll} found nothing: gives up the drain unless a message
     * arrived in between.
     *
     * @return true when the drainer must stop; false when it still owns the drain and must go on
     */
    public boolean stopDraining() {
        draining.set(false);
        return pending.isEmpty() || !draining.compareAndSet(false, true);
    }
}
