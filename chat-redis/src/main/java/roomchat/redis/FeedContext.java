package roomchat.redis;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import roomchat.core.broker.Broker;
import roomchat.core.event.RoomEvent;

/**
 * What every {@link RoomFeed} of one broker shares: the link, the tail script, the subscriber, how
 * an origin is resolved, the history length and the counters.
 */
record FeedContext(RedisLink link, LuaScript tail, Broker.Subscriber subscriber, Function<WireEvent, RoomEvent> resolver,
        int historyLines, LongAdder gapsRepaired, LongAdder eventsLost) {

    /** The event, with its origin member if it is one of this node's. */
    RoomEvent resolve(WireEvent wire) {
        return resolver.apply(wire);
    }
}
