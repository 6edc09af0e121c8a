package roomchat.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.broker.Broker;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Member;
import roomchat.core.room.Room;

/**
 * The broker of a cluster: Redis orders each room's events, so every node shares the same rooms.
 * {@link #publish} runs {@code publish.lua} on the room's keys, which refuses an event whose actor
 * must be in the room but is not in its members, and otherwise gives it the room's next number and
 * Redis's time, appends it to the room's capped stream and publishes it on the room's channel, in one
 * atomic step. Each subscribed room has a {@link RoomFeed}, which hands its events to the subscriber
 * in number order, exactly once, repairing gaps from the stream; it keeps the room's recent history
 * too.
 *
 * <p>When the link comes back after a loss, every feed reads what it missed from the stream; when
 * Redis lost its data, every feed starts over from number 1. A {@link Probe} finds a subscription
 * that went deaf silently, renews it and catches every feed up. While Redis is unreachable,
 * {@link #publish} and {@link #subscribe} fail at once with {@link Broker.Unavailable}.
 *
 * <p><b>Threads:</b> no method blocks. Events reach the subscriber on Lettuce's I/O threads (the
 * publish/subscribe connection's for live events, the command connection's for events read back),
 * one room at a time under that room's feed lock (see {@link RoomFeed}). The feeds are in a
 * concurrent map. The link belongs to the caller, which closes it after the broker.
 */
public final class RedisBroker implements Broker {

    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
    /** How often a stopping node looks whether its last publishes were answered. */
    private static final long PUBLISHED_POLL_NANOS = 1_000_000;

    private final RedisLink link;
    private final LongFunction<Member> localMembers;
    private final int historyLines;
    private final int streamLength;
    private final LuaScript publishScript;
    private final LuaScript tailScript;
    /** The subscribed rooms' feeds, by channel. */
    private final Map<String, RoomFeed> feeds = new ConcurrentHashMap<>();
    /** Publishes sent and not yet answered. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder gapsRepaired = new LongAdder();
    private final LongAdder eventsLost = new LongAdder();
    private volatile FeedContext context;
    private volatile Probe probe;

    /**
     * A broker ordering rooms in the Redis behind {@code link}, resolving this node's members by id
     * with {@code localMembers} (null once gone), keeping {@code historyLines} kept events per room
     * for newcomers and about {@code streamLength} events in each room's stream.
     */
    public RedisBroker(RedisLink link, LongFunction<Member> localMembers, int historyLines, int streamLength) {
        this.link = link;
        this.localMembers = localMembers;
        this.historyLines = historyLines;
        this.streamLength = streamLength;
        this.publishScript = link.script("publish");
        this.tailScript = link.script("tail");
    }

    @Override
    public void start(Subscriber subscriber) {
        context = new FeedContext(link, tailScript, subscriber, this::resolve, historyLines, gapsRepaired, eventsLost);
        link.onMessage(this::message);
        link.onReset(() -> feeds.values().forEach(RoomFeed::reset));
        link.onUp(this::catchUpAll);
        probe = new Probe(link, this::catchUpAll);
    }

    @Override
    public CompletionStage<Long> publish(Room room, RoomEvent draft) {
        Member origin = draft.origin();
        String ref = origin == null ? null : RedisKeys.ref(link.nodeId(), origin.id());
        boolean mustBePresent = draft.what().needsActorPresent() && ref != null;
        List<String> keys = List.of(
                RedisKeys.room(room.name(), "members"),
                RedisKeys.room(room.name(), "seq"),
                RedisKeys.room(room.name(), "events"));
        List<String> args = List.of(
                mustBePresent ? "1" : "0",
                ref == null ? "" : ref,
                Integer.toString(streamLength),
                RedisKeys.roomChannel(room.name()),
                EventCodec.json(draft, ref));
        inFlight.incrementAndGet();
        return publishScript.eval(keys, args).whenComplete((answer, failure) -> inFlight.decrementAndGet()).thenCompose(answer -> {
            long seq = (Long) answer.get(0);
            return seq == 0
                    ? CompletableFuture.failedStage(new NotInRoom(room.name()))
                    : CompletableFuture.completedStage(seq);
        });
    }

    @Override
    public CompletionStage<Void> subscribe(Room room) {
        String channel = RedisKeys.roomChannel(room.name());
        RoomFeed fresh = new RoomFeed(room, context);
        RoomFeed feed = feeds.putIfAbsent(channel, fresh);
        if (feed != null && feed.room() == room) {
            return feed.ready();
        }
        if (feed != null) {
            // A handle of the room's last visit, let go but not yet unsubscribed: the new one takes
            // over the channel, and the old one's unsubscribing will find nothing of its own.
            feed.close();
            feeds.put(channel, fresh);
        }
        return fresh.open().whenComplete((done, failure) -> {
            if (failure != null) {
                // Tried again by the next subscribe.
                feeds.remove(channel, fresh);
            }
        });
    }

    @Override
    public void unsubscribe(Room room) {
        RoomFeed feed = feeds.get(RedisKeys.roomChannel(room.name()));
        if (feed != null && feed.room() == room && feeds.remove(feed.channel(), feed)) {
            feed.close();
            link.unsubscribe(feed.channel()).whenComplete((done, failure) -> {
                if (failure != null) {
                    log.debug("could not unsubscribe {}; its messages are ignored", room);
                }
            });
        }
    }

    @Override
    public List<RoomEvent> history(Room room, long throughSeq) {
        RoomFeed feed = feeds.get(RedisKeys.roomChannel(room.name()));
        return feed == null ? new ArrayList<>() : feed.history(throughSeq);
    }

    @Override
    public void removeHistory(Room room) {
        RoomFeed feed = feeds.get(RedisKeys.roomChannel(room.name()));
        if (feed != null && feed.room() == room) {
            // Not another handle's: the room may have been entered again here meanwhile.
            feed.forgetHistory();
        }
    }

    /** Gaps in the channel's events filled from a room's stream so far. */
    public long gapsRepaired() {
        return gapsRepaired.sum();
    }

    /** Events skipped because a gap could not be filled: the stream no longer had them. */
    public long eventsLost() {
        return eventsLost.sum();
    }

    /** How many times the probe found the subscription deaf. */
    public long probeFailures() {
        Probe current = probe;
        return current == null ? 0 : current.failures();
    }

    /** The link to Redis, for its state and counters. */
    public RedisLink link() {
        return link;
    }

    /**
     * Waits until no publish is waiting for Redis's answer, or {@code timeout} passed: a stopping
     * node's last events (its members' leaving) reach Redis before the link closes.
     */
    public void awaitPublished(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(PUBLISHED_POLL_NANOS);
        }
    }

    /** Stops the probe and the feeds; the link stays open (its owner closes it). */
    @Override
    public void close() {
        Probe current = probe;
        if (current != null) {
            current.close();
        }
        feeds.values().forEach(RoomFeed::close);
        feeds.clear();
    }

    private void message(String channel, String wire) {
        RoomFeed feed = feeds.get(channel);
        if (feed == null) {
            return;
        }
        try {
            feed.offer(EventCodec.decode(wire));
        } catch (IllegalArgumentException e) {
            log.warn("dropped an undecodable event on {}", channel, e);
        }
    }

    private void catchUpAll() {
        feeds.values().forEach(RoomFeed::catchUp);
    }

    /** The event with its origin: the member, if the ref is one of this node's, else none. */
    private RoomEvent resolve(WireEvent wire) {
        RoomEvent event = wire.event();
        String ref = wire.originRef();
        if (ref == null || !RedisKeys.nodeOf(ref).equals(link.nodeId())) {
            return event;
        }
        Member origin = localMembers.apply(Long.parseLong(ref.substring(ref.lastIndexOf(':') + 1)));
        return origin == null ? event : new RoomEvent(event.room(), event.seq(), event.at(), event.actor(), origin, event.what());
    }
}
