package roomchat.core.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The runs (and admissions) waiting for one event loop to write them, from every room whose members it owns. The
 * first run handed over while none waits schedules one task on the loop; runs that come while it
 * waits join it. The task writes everything waiting (up to {@link #MAX_RUNS_PER_TURN}), then flushes
 * each channel once: the busier the loop, the more runs one socket write carries, with no wait added
 * when it is idle. A room's runs are written in the order its drain handed them over.
 *
 * <p><b>Threads:</b> {@link #offer} is called by the dispatcher's drains, from any thread;
 * {@link #run} runs on the loop, one at a time ({@link #scheduled} is true from the offer that
 * schedules it until it has looked at the queue for the last time).
 */
final class LoopOutbox implements Runnable {

    /** The most runs one task writes before it flushes and lets the loop's other work have a turn. */
    static final int MAX_RUNS_PER_TURN = 256;

    private final EventLoop loop;
    private final Queue<Outgoing> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    LoopOutbox(EventLoop loop) {
        this.loop = loop;
    }

    /** Queues {@code item} for the loop; gives back what it holds if the loop is gone. */
    void offer(Outgoing item) {
        waiting.add(item);
        schedule();
    }

    @Override
    public void run() {
        List<Outgoing> taken = new ArrayList<>();
        try {
            Outgoing item;
            while (taken.size() < MAX_RUNS_PER_TURN && (item = waiting.poll()) != null) {
                taken.add(item);
                item.write();
            }
            flush(taken);
        } finally {
            taken.forEach(Outgoing::release);
            scheduled.set(false);
            if (!waiting.isEmpty()) {
                schedule();
            }
        }
    }

    private void schedule() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            loop.execute(this);
        } catch (RejectedExecutionException shuttingDown) {
            // Cleared first: a run offered after this drain schedules (and is refused and released) itself.
            scheduled.set(false);
            Outgoing item;
            while ((item = waiting.poll()) != null) {
                item.release();
            }
        }
    }

    /**
     * Flushes each channel of {@code items} once. Runs of one room mostly share their channels, so
     * a run whose channels are those of the run after it adds no flush of its own.
     */
    private static void flush(List<Outgoing> items) {
        for (int i = 0; i < items.size(); i++) {
            List<Channel> channels = items.get(i).channels();
            if (i + 1 < items.size() && channels.equals(items.get(i + 1).channels())) {
                continue;
            }
            for (Channel channel : channels) {
                channel.flush();
            }
        }
    }
}
