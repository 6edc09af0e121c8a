package roomchat.redis;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a subscription that went deaf without the connection dropping (a half-open TCP connection,
 * a channel lost on Redis's side): every {@link #PERIOD} it publishes {@code probe <n>} on this
 * node's own channel; if Redis took it (the command connection works) but it has not come back
 * through the subscription {@link #TIMEOUT} later, the subscription is broken: the probe renews the
 * publish/subscribe connection, then runs {@code onRenewed} (the broker catches every room up).
 *
 * <p><b>Threads:</b> runs on Lettuce's timer thread; hears its probes on the publish/subscribe
 * connection's I/O thread. Its state is atomic fields; a renewal is started by one tick at a time
 * (the next one is skipped while it runs).
 */
final class Probe implements AutoCloseable {

    /** How often a probe is sent. */
    static final Duration PERIOD = Duration.ofSeconds(2);
    /** How long a probe may take to come back before the subscription counts as broken. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(Probe.class);

    private final RedisLink link;
    private final Runnable onRenewed;
    private final LongAdder failures = new LongAdder();
    /** The number of the last probe Redis took, and when (nanoTime); 0: none outstanding. */
    private final AtomicLong sent = new AtomicLong();
    private volatile long sentAt;
    private final AtomicLong heard = new AtomicLong();
    private final AtomicLong next = new AtomicLong();
    private volatile boolean renewing;
    private final ScheduledFuture<?> timer;

    Probe(RedisLink link, Runnable onRenewed) {
        this.link = link;
        this.onRenewed = onRenewed;
        link.onProbe(this::heard);
        long period = PERIOD.toMillis();
        this.timer = link.timer().scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** How many times the subscription was found deaf. */
    long failures() {
        return failures.sum();
    }

    private void heard(String message) {
        try {
            long number = Long.parseLong(message.substring(RedisLink.PROBE_PREFIX.length()));
            heard.accumulateAndGet(number, Math::max);
        } catch (NumberFormatException e) {
            log.debug("not a probe: {}", message);
        }
    }

    private void tick() {
        if (!link.up() || renewing) {
            // A lost connection is Lettuce's to restore, and the broker catches up when it is back.
            sent.set(0);
            return;
        }
        long outstanding = sent.get();
        if (outstanding != 0 && heard.get() < outstanding && System.nanoTime() - sentAt >= TIMEOUT.toNanos()) {
            deaf(outstanding);
            return;
        }
        if (outstanding == 0 || heard.get() >= outstanding) {
            send();
        }
    }

    private void send() {
        long number = next.incrementAndGet();
        long at = System.nanoTime();
        RedisFailures.guard(link.commands().publish(link.nodeChannel(), RedisLink.PROBE_PREFIX + number))
                .whenComplete((receivers, failure) -> {
                    if (failure == null) {
                        sentAt = at;
                        sent.set(number);
                    }
                });
    }

    private void deaf(long number) {
        failures.increment();
        renewing = true;
        sent.set(0);
        log.warn("probe {} did not come back through the subscription: renewing it", number);
        link.renewSubscriptions().whenComplete((done, failure) -> {
            renewing = false;
            if (failure != null) {
                log.warn("could not renew the subscription; the next probe tries again", failure);
            } else {
                onRenewed.run();
            }
        });
    }

    @Override
    public void close() {
        timer.cancel(false);
    }
}
