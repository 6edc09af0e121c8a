package roomchat.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Room;

/**
 * One subscribed room's events on their way to the subscriber: every event numbered after the
 * room's start position (its last number when this node subscribed) is handed over once, in number
 * order, whichever way it came: live on the room's channel, or read back from the room's stream
 * when the channel skipped some (a gap), when the link was down, or when the probe found the
 * subscription deaf. Events already handed over are dropped; events ahead of a gap wait until it is
 * filled; events the stream no longer holds are counted lost and skipped. It also keeps the room's
 * recent history (kept events only) for newcomers.
 *
 * <p><b>Lock:</b> everything here is guarded by this object's monitor, taken by the
 * publish/subscribe connection's I/O thread (live events), the command connection's I/O thread
 * (the seed and the reads of the stream) and the dispatcher (history). The subscriber's
 * {@code onEvent} runs under it, {@code released} after it is let go. Nothing under it waits on
 * Redis: reads are sent after it is let go and their answers take it again.
 */
final class RoomFeed {

    /** The most entries one read of the stream returns; a longer catch-up reads again. */
    static final int FETCH_BATCH = 500;
    /**
     * Entries read beyond the history length to seed the history: the tail holds joins and leaves
     * too, which the history does not keep.
     */
    static final int SEED_SLACK = 50;

    /**
     * Kept events held beyond the history length: a newcomer is shown the history up to the last
     * event delivered before it arrived, and lines ordered since must not push those out.
     */
    static final int HISTORY_SLACK = 16;

    private static final Logger log = LoggerFactory.getLogger(RoomFeed.class);

    private enum State { SEEDING, LIVE, CLOSED }

    private final Room room;
    private final String channel;
    private final String seqKey;
    private final String eventsKey;
    private final FeedContext context;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private State state = State.SEEDING;
    /** The room's last number when this node subscribed (T): what came before is history. */
    private long start;
    /** The number of the last event handed over. */
    private long last;
    /** The kept events handed over (or seeded), oldest first, at most the history length and its slack. */
    private final ArrayDeque<RoomEvent> kept = new ArrayDeque<>();
    /** Events that came ahead of a gap (or before the seed), by number. */
    private final TreeMap<Long, WireEvent> early = new TreeMap<>();
    /** A read of the stream is under way; only one at a time. */
    private boolean fetching;
    /** Read the stream again once the read under way is done: it may have been sent before a loss. */
    private boolean fetchAgain;
    /** Bumped by a reset: answers to reads sent before it are dropped. */
    private long generation;

    RoomFeed(Room room, FeedContext context) {
        this.room = room;
        this.channel = RedisKeys.roomChannel(room.name());
        this.seqKey = RedisKeys.room(room.name(), "seq");
        this.eventsKey = RedisKeys.room(room.name(), "events");
        this.context = context;
    }

    Room room() {
        return room;
    }

    String channel() {
        return channel;
    }

    /** The stage that completes once the channel is subscribed and the history seeded. */
    CompletionStage<Void> ready() {
        return ready;
    }

    /** Subscribes the channel, then reads the stream's tail for the start position and history. */
    CompletionStage<Void> open() {
        int tail = context.historyLines() + SEED_SLACK;
        context.link().subscribe(channel)
                .thenCompose(subscribed -> context.tail().eval(List.of(seqKey, eventsKey), List.of(Integer.toString(tail))))
                .whenComplete((answer, failure) -> {
                    if (failure != null) {
                        fail(failure);
                    } else {
                        seed(answer);
                    }
                });
        return ready;
    }

    private void fail(Throwable failure) {
        synchronized (this) {
            state = State.CLOSED;
        }
        ready.completeExceptionally(RedisFailures.translate(failure));
    }

    /** {@code parts}: the last number, and the tail's wire forms, newest first ({@code tail.lua}). */
    private void seed(List<Object> parts) {
        long top = (Long) parts.get(0);
        List<RoomEvent> newestFirst = new ArrayList<>();
        for (Object wire : (List<?>) parts.get(1)) {
            WireEvent event = decode((String) wire);
            if (event != null && event.seq() <= top && event.event().what().kept()
                    && newestFirst.size() < context.historyLines()) {
                newestFirst.add(context.resolve(event));
            }
        }
        Collections.reverse(newestFirst);
        boolean delivered;
        boolean fetch;
        synchronized (this) {
            if (state != State.SEEDING) {
                return;
            }
            state = State.LIVE;
            start = top;
            last = top;
            kept.addAll(newestFirst);
            delivered = drain();
            fetch = needsFetch();
        }
        ready.complete(null);
        afterwards(delivered, fetch, true);
    }

    /** An event that came on the room's channel. */
    void offer(WireEvent event) {
        boolean delivered;
        boolean fetch;
        synchronized (this) {
            if (state == State.CLOSED || (state == State.LIVE && event.seq() <= last)) {
                return;
            }
            early.put(event.seq(), event);
            if (state == State.SEEDING) {
                return;
            }
            delivered = drain();
            fetch = needsFetch();
        }
        afterwards(delivered, fetch, true);
    }

    /** Reads what was ordered since the last event handed over: the channel may have missed it. */
    void catchUp() {
        boolean fetch;
        synchronized (this) {
            if (state != State.LIVE) {
                return;
            }
            if (fetching) {
                fetchAgain = true;
                return;
            }
            fetching = true;
            fetch = true;
        }
        afterwards(false, fetch, false);
    }

    /** Redis lost its data: the room's numbers start again from 1, and its history is gone. */
    synchronized void reset() {
        generation++;
        start = 0;
        last = 0;
        kept.clear();
        early.clear();
        fetching = false;
        fetchAgain = false;
    }

    /** Stops handing events over. */
    synchronized void close() {
        state = State.CLOSED;
        early.clear();
        kept.clear();
    }

    /** The last kept events (at most the history length) up to {@code throughSeq} or the start position, oldest first. */
    synchronized List<RoomEvent> history(long throughSeq) {
        long through = Math.max(throughSeq, start);
        List<RoomEvent> shown = new ArrayList<>(Math.min(kept.size(), context.historyLines()));
        Iterator<RoomEvent> newestFirst = kept.descendingIterator();
        while (newestFirst.hasNext() && shown.size() < context.historyLines()) {
            RoomEvent event = newestFirst.next();
            if (event.seq() <= through) {
                shown.add(event);
            }
        }
        Collections.reverse(shown);
        return shown;
    }

    /** Forgets the history: the room is gone. */
    synchronized void forgetHistory() {
        kept.clear();
    }

    /** Hands over the waiting events that follow on; drops those already handed over. Holds this. */
    private boolean drain() {
        boolean delivered = false;
        while (!early.isEmpty() && early.firstKey() <= last + 1) {
            WireEvent next = early.pollFirstEntry().getValue();
            if (next.seq() == last + 1) {
                deliver(next);
                delivered = true;
            }
        }
        return delivered;
    }

    /** Whether a read must start now: events wait beyond a gap and no read is under way. Holds this. */
    private boolean needsFetch() {
        if (early.isEmpty() || fetching) {
            return false;
        }
        fetching = true;
        return true;
    }

    /** Holds this. */
    private void deliver(WireEvent wire) {
        RoomEvent event = context.resolve(wire);
        last = wire.seq();
        if (event.what().kept()) {
            kept.addLast(event);
            if (kept.size() > context.historyLines() + HISTORY_SLACK) {
                kept.removeFirst();
            }
        }
        context.subscriber().onEvent(room, event);
    }

    /** What follows a change, once the lock is let go: wake the subscriber, start a read. */
    private void afterwards(boolean delivered, boolean fetch, boolean forGap) {
        if (delivered) {
            context.subscriber().released(room);
        }
        if (fetch) {
            fetch(forGap);
        }
    }

    /** Reads the stream from the event after the last one handed over. */
    private void fetch(boolean forGap) {
        long from;
        long sentIn;
        synchronized (this) {
            from = last + 1;
            sentIn = generation;
        }
        Range<String> range = Range.from(Range.Boundary.including(from + "-0"), Range.Boundary.unbounded());
        RedisFailures.guard(context.link().commands().xrange(eventsKey, range, Limit.create(0, FETCH_BATCH)))
                .whenComplete((entries, failure) -> fetched(sentIn, forGap, entries, failure));
    }

    private void fetched(long sentIn, boolean forGap, List<StreamMessage<String, String>> entries, Throwable failure) {
        List<WireEvent> events = new ArrayList<>(entries == null ? 0 : entries.size());
        if (entries != null) {
            for (StreamMessage<String, String> entry : entries) {
                WireEvent event = decode(entry.getBody().get("m"));
                if (event != null) {
                    events.add(event);
                }
            }
        }
        boolean delivered = false;
        boolean again;
        synchronized (this) {
            if (sentIn != generation || state != State.LIVE) {
                return;
            }
            if (failure != null) {
                // Redis is unreachable: the next reconnect (or the next live event) reads again.
                fetching = false;
                fetchAgain = false;
                return;
            }
            for (WireEvent event : events) {
                if (event.seq() > last + 1) {
                    lose(event.seq() - last - 1);
                }
                if (event.seq() > last) {
                    deliver(event);
                    delivered = true;
                }
            }
            boolean more = events.size() == FETCH_BATCH;
            if (!more && !early.isEmpty() && early.firstKey() > last + 1) {
                // Read to the stream's end and still short: the stream no longer has them.
                lose(early.firstKey() - last - 1);
                last = early.firstKey() - 1;
            }
            if (forGap && delivered) {
                context.gapsRepaired().increment();
            }
            delivered |= drain();
            again = more || fetchAgain || !early.isEmpty();
            fetchAgain = false;
            fetching = again;
        }
        afterwards(delivered, again, forGap);
    }

    /** Holds this. */
    private void lose(long count) {
        context.eventsLost().add(count);
        log.warn("{} events of {} after #{} are no longer in its stream: skipped", count, room, last);
    }

    private WireEvent decode(String wire) {
        try {
            return EventCodec.decode(wire);
        } catch (IllegalArgumentException | NullPointerException e) {
            log.warn("dropped an undecodable entry of {}", room, e);
            return null;
        }
    }
}
