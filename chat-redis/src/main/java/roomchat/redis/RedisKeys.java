package roomchat.redis;

import roomchat.core.name.NameRules;

/**
 * Every Redis key and channel of a cluster, in one place. Every key of one room carries the hash tag
 * {@code {r:<room key>}}, so a Redis Cluster keeps a room in one slot and each room's scripts stay
 * atomic there; the names, the room index and the nodes each have a tag of their own.
 *
 * <ul>
 *   <li>{@code rc:{r:K}:meta} hash: {@code name} (as spelled), {@code topic}, {@code pw} (password
 *       digest), {@code unhosted} ("1" for the default room). Present while the room exists.</li>
 *   <li>{@code rc:{r:K}:members} sorted set: member ref → arrival number (order of arrival).</li>
 *   <li>{@code rc:{r:K}:names} hash: member ref → screen name.</li>
 *   <li>{@code rc:{r:K}:hosts} set of member refs.</li>
 *   <li>{@code rc:{r:K}:arrivals} counter behind the arrival numbers.</li>
 *   <li>{@code rc:{r:K}:seq} counter: the room's last sequence number. Outlives the room, so a room
 *       made again under that name goes on numbering and no node mistakes old numbers for new.</li>
 *   <li>{@code rc:{r:K}:events} stream, capped: entry id {@code <seq>-0}, field {@code m} = the
 *       event's wire form ({@link #ROOM_CHANNEL_PREFIX published} the same).</li>
 *   <li>{@code rc:{names}:byKey} hash: name key → {@code <member ref> <screen name>}.</li>
 *   <li>{@code rc:{names}:bySkeleton} hash: look-alike skeleton → name key.</li>
 *   <li>{@code rc:{rooms}} sorted set, all scores 0: room keys, in name order.</li>
 *   <li>{@code rc:{nodes}} sorted set: node id → the time its lease runs out (ms since the epoch).</li>
 *   <li>{@code rc:{nodes}:reap:<node id>}: the id of the live node reaping that dead one, while it
 *       does (expires); the node can't renew its lease meanwhile.</li>
 *   <li>{@code rc:epoch}: a random value set once per Redis data set; a node that finds another
 *       one after reconnecting knows Redis lost what it held.</li>
 * </ul>
 *
 * A member ref is {@code <node id>:<member id>}: unique in the cluster, never reused.
 */
public final class RedisKeys {

    /** Channels a room's events are published on: this, then the room key. */
    public static final String ROOM_CHANNEL_PREFIX = "rc:room:";
    /** Channels of one node (private lines, kicks, probes): this, then the node id. */
    public static final String NODE_CHANNEL_PREFIX = "rc:node:";
    public static final String NAMES_BY_KEY = "rc:{names}:byKey";
    public static final String NAMES_BY_SKELETON = "rc:{names}:bySkeleton";
    public static final String ROOM_INDEX = "rc:{rooms}";
    public static final String NODES = "rc:{nodes}";
    public static final String EPOCH = "rc:epoch";

    private RedisKeys() {
    }

    /** The key of one of room {@code roomName}'s parts: meta, members, names, hosts, arrivals, seq, events. */
    public static String room(String roomName, String part) {
        return "rc:{r:" + NameRules.key(roomName) + "}:" + part;
    }

    /** The channel room {@code roomName}'s events are published on. */
    public static String roomChannel(String roomName) {
        return ROOM_CHANNEL_PREFIX + NameRules.key(roomName);
    }

    /** The claim of the node reaping dead node {@code nodeId}; in the nodes' slot, so one script sees both. */
    public static String reapClaim(String nodeId) {
        return NODES + ":reap:" + nodeId;
    }

    /** The channel of node {@code nodeId}. */
    public static String nodeChannel(String nodeId) {
        return NODE_CHANNEL_PREFIX + nodeId;
    }

    /** The ref of member {@code memberId} of node {@code nodeId}. */
    public static String ref(String nodeId, long memberId) {
        return nodeId + ":" + memberId;
    }

    /** The node a member ref belongs to. */
    public static String nodeOf(String ref) {
        return ref.substring(0, ref.lastIndexOf(':'));
    }
}
