package roomchat.server.rooms;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.broker.Broker;
import roomchat.core.room.Member;
import roomchat.core.room.RoomRegistry;
import roomchat.redis.NodeLease;
import roomchat.redis.RedisBroker;
import roomchat.redis.RedisLink;
import roomchat.redis.RedisRoomRegistry;
import roomchat.server.metrics.Prometheus;

/**
 * The rooms of a node of a cluster: kept in the Redis at {@code --redis} and shared with every
 * other node there ({@link RedisRoomRegistry}, {@link RedisBroker}), with this node's lease on its
 * members ({@link NodeLease}).
 */
public final class ClusterRooms implements RoomsBackend {

    /** Entries kept in each room's stream: what a node that missed events can fetch again. */
    public static final int STREAM_ENTRIES = 1_000;
    /** Longest a clean shutdown waits for its members' leaving to reach Redis. */
    static final Duration LEAVING_TIMEOUT = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(ClusterRooms.class);

    private final RedisLink link;
    private final RedisBroker broker;
    private final RedisRoomRegistry registry;
    private final NodeLease lease;
    /** Redis's host and port, for the log: never the password a URI may carry. */
    private final String where;

    /**
     * Connects node {@code nodeId} to the Redis at {@code uri}; waits for it, so call it at startup.
     *
     * @throws Broker.Unavailable when Redis can't be reached
     */
    public ClusterRooms(String uri, String nodeId, String defaultRoom, int historyLines, Duration nodeLease) {
        this.link = RedisLink.connect(uri, nodeId);
        java.net.URI parsed = java.net.URI.create(uri);
        this.where = parsed.getHost() + ":" + parsed.getPort();
        AtomicReference<RedisRoomRegistry> members = new AtomicReference<>();
        this.broker = new RedisBroker(link, id -> localMember(members.get(), id), historyLines, STREAM_ENTRIES);
        this.registry = new RedisRoomRegistry(link, broker, defaultRoom);
        members.set(registry);
        this.lease = new NodeLease(link, registry, nodeLease);
    }

    private static Member localMember(RedisRoomRegistry registry, long id) {
        return registry == null ? null : registry.localMember(id);
    }

    /** This node's id. */
    public String nodeId() {
        return link.nodeId();
    }

    @Override
    public RoomRegistry registry() {
        return registry;
    }

    @Override
    public Broker broker() {
        return broker;
    }

    @Override
    public void start() {
        registry.start();
        lease.start();
        log.info("node {} joined the cluster at {}", link.nodeId(), where);
    }

    @Override
    public boolean healthy() {
        return link.up();
    }

    @Override
    public void onMembersLost(Runnable listener) {
        link.onReset(listener);
        lease.onLost(listener);
    }

    @Override
    public void writeMetrics(StringBuilder out) {
        Prometheus.sample(out, "roomchat_node_info", "gauge", "This node of the cluster.", "node", link.nodeId(), 1);
        Prometheus.single(out, "roomchat_broker_up", "gauge", "Whether Redis is reachable (1) or not (0).", link.up() ? 1 : 0);
        Prometheus.single(out, "roomchat_broker_round_trip_microseconds", "gauge",
                "Round trip to Redis, a moving average of pings.", link.roundTripMicros());
        Prometheus.single(out, "roomchat_broker_reconnects_total", "counter", "Reconnections to Redis.", link.reconnects());
        Prometheus.single(out, "roomchat_broker_gaps_repaired_total", "counter",
                "Gaps in a room's events filled from its stream.", broker.gapsRepaired());
        Prometheus.single(out, "roomchat_broker_events_lost_total", "counter",
                "Events missed that the stream no longer held.", broker.eventsLost());
        Prometheus.single(out, "roomchat_broker_probe_failures_total", "counter",
                "Probes that did not come back through the subscription, which was then renewed.", broker.probeFailures());
        Prometheus.single(out, "roomchat_broker_cleanups_waiting", "gauge",
                "Leavings and freed names waiting for Redis to come back.", registry.waitingCleanUps());
    }

    @Override
    public void close() {
        try {
            registry.settled().get(LEAVING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("members' leaving did not all reach Redis in {}; the lease will let them go", LEAVING_TIMEOUT);
        } catch (Exception e) {
            log.warn("members' leaving failed", e);
        }
        broker.awaitPublished(LEAVING_TIMEOUT);
        lease.close();
        broker.close();
        link.close();
    }
}
