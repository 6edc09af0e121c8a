package roomchat.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many names and rooms the cluster has, as of the last refresh: the greeting and /metrics read
 * them at once, without a round trip to Redis; the node's lease refreshes them every tick.
 */
final class ClusterCounts {

    private static final Logger log = LoggerFactory.getLogger(ClusterCounts.class);

    private final NameStore names;
    private final RoomStore rooms;
    private volatile int members;
    private volatile int roomCount;

    ClusterCounts(NameStore names, RoomStore rooms) {
        this.names = names;
        this.rooms = rooms;
    }

    /** Asks Redis again; the counts change when it answers. */
    void refresh() {
        names.count().whenComplete((count, failure) -> {
            if (count != null) {
                members = count.intValue();
            } else {
                log.debug("member count not refreshed: {}", failure.toString());
            }
        });
        rooms.count().whenComplete((count, failure) -> {
            if (count != null) {
                roomCount = count.intValue();
            }
        });
    }

    int members() {
        return members;
    }

    int rooms() {
        return roomCount;
    }
}
