package roomchat.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clean-ups that must reach Redis even if it is away when they are due: a member who disconnects
 * while Redis is down must still leave its room and free its name there. Each is tried at once;
 * one that fails is kept and tried again every time the link comes back up, until it succeeds.
 * Bounded by the members this node serves (one clean-up each at most).
 *
 * <p><b>Lock:</b> this object's monitor guards the list of those waiting.
 */
final class Retries {

    private static final Logger log = LoggerFactory.getLogger(Retries.class);

    private record Pending(String what, Supplier<CompletionStage<?>> step) {
    }

    private final List<Pending> waiting = new ArrayList<>();

    Retries(RedisLink link) {
        link.onUp(this::retry);
    }

    /** Runs {@code step} now, and again after every reconnection until it succeeds. */
    void until(String what, Supplier<CompletionStage<?>> step) {
        run(new Pending(what, step));
    }

    /** How many clean-ups wait for Redis. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void run(Pending pending) {
        pending.step().get().whenComplete((done, failure) -> {
            if (failure != null) {
                log.debug("{} waits for Redis: {}", pending.what(), failure.toString());
                synchronized (this) {
                    waiting.add(pending);
                }
            }
        });
    }

    private void retry() {
        List<Pending> due;
        synchronized (this) {
            due = new ArrayList<>(waiting);
            waiting.clear();
        }
        due.forEach(this::run);
    }
}
