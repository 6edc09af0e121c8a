package roomchat.redis;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.broker.Broker;
import roomchat.core.event.LeaveReason;
import roomchat.core.event.Notice;
import roomchat.core.name.NameRules;
import roomchat.core.render.JsonRenderer;
import roomchat.core.room.Departure;
import roomchat.core.room.ForcedMoves;
import roomchat.core.room.HostOutcome;
import roomchat.core.room.Member;
import roomchat.core.room.MemberPort;
import roomchat.core.room.Membership;
import roomchat.core.room.NameChange;
import roomchat.core.room.Page;
import roomchat.core.room.Room;
import roomchat.core.room.RoomChange;
import roomchat.core.room.RoomInfo;
import roomchat.core.room.RoomList;
import roomchat.core.room.RoomRegistry;

/**
 * The registry of a node of a cluster: names, rooms, members, hosts, topics and passwords are kept
 * in Redis ({@link NameStore}, {@link RoomStore}), changed by one atomic script each, so every node
 * sees the same and two nodes racing for one name or one room get one winner. This node keeps only
 * its own members ({@link LocalMembers}) and handles of the rooms they are in ({@link RoomHandles}).
 *
 * <p>Each member's moves are made by the node that serves it: a host on another node kicking it
 * removes it from the room in Redis and tells its node ({@link NodeMessage}), which moves it into
 * the default room. The changes of one member run one after another ({@link LocalMembers#serially}).
 *
 * <p><b>Threads:</b> called on event loops; every answer completes on a Lettuce thread, and nothing
 * here waits. A change that fails because Redis is away fails with {@link Broker.Unavailable},
 * except a member's leaving, which is done here at once and in Redis as soon as it can be
 * ({@link Retries}).
 */
public final class RedisRoomRegistry implements RoomRegistry {

    /** The others named to a member entering a room: as many as any door lists. */
    public static final int NAMES_LISTED = JsonRenderer.MAX_NAMES_LISTED;

    /** How often the cluster-wide counts of names and rooms (the greeting's, /metrics') are read again. */
    static final long COUNTS_PERIOD_MS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(RedisRoomRegistry.class);

    private final RedisLink link;
    private final NameStore names;
    private final RoomStore rooms;
    private final LocalMembers locals;
    private final RoomHandles handles;
    private final Retries retries;
    private final ClusterCounts counts;
    private final LateDepartures departures;
    private final HostActions hostActions;
    private volatile Membership membership = Membership.NONE;
    private volatile ForcedMoves forcedMoves = ForcedMoves.NONE;

    /**
     * The registry of the node {@code link} connects, whose rooms' events come through
     * {@code broker}, with {@code defaultRoomName} as the room every member enters first.
     */
    public RedisRoomRegistry(RedisLink link, Broker broker, String defaultRoomName) {
        this.link = link;
        this.names = new NameStore(link);
        this.rooms = new RoomStore(link);
        this.locals = new LocalMembers(link.nodeId());
        this.handles = new RoomHandles(broker, defaultRoomName);
        this.retries = new Retries(link);
        this.counts = new ClusterCounts(names, rooms);
        this.departures = new LateDepartures(names, rooms, handles, () -> forcedMoves, this::member);
        this.hostActions = new HostActions(link, names, rooms, locals, this::kicked);
        link.onNodeMessage(this::onNodeMessage);
    }

    /** Takes every member of dead node {@code node} out of its room, announced, and frees its name. */
    CompletionStage<Void> reap(String node) {
        return departures.reap(node);
    }

    /** Subscribes to the default room and lists it; waits, so call it once, before serving anyone. */
    public void start() {
        handles.acquire(defaultRoom().name(), true).subscribed.join();
        rooms.index(defaultRoom().name()).toCompletableFuture().join();
        counts.refresh();
        link.timer().scheduleAtFixedRate(counts::refresh, COUNTS_PERIOD_MS, COUNTS_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** The member of this node with id {@code id}, or null. */
    public Member localMember(long id) {
        return locals.byId(id);
    }

    /** Completes once every change asked for so far has reached Redis or failed. */
    public CompletableFuture<Void> settled() {
        return locals.settled();
    }

    /** Clean-ups waiting for Redis to come back. */
    public int waitingCleanUps() {
        return retries.waiting();
    }

    @Override
    public void deliverMovesTo(Membership newMembership) {
        this.membership = newMembership;
    }

    @Override
    public void announceForcedMovesTo(ForcedMoves announcer) {
        this.forcedMoves = announcer;
    }

    @Override
    public Room defaultRoom() {
        return handles.defaultRoom();
    }

    @Override
    public CompletionStage<Optional<Member>> findMember(String screenName) {
        return names.holder(screenName).thenApply(holder -> Optional.ofNullable(holder == null ? null : member(holder.ref(), holder.name())));
    }

    @Override
    public CompletionStage<NameChange> claim(String screenName, MemberPort port, InetAddress address) {
        Member member = locals.create(screenName, port, address);
        String ref = locals.ref(member);
        return names.claim(screenName, ref).thenCompose(refusal -> {
            if (refusal != null) {
                return CompletableFuture.completedFuture(refusal);
            }
            locals.add(member);
            return locals.serially(member, () -> enter(member, defaultRoom().name(), null, true, List.of()))
                    .handle((change, failure) -> {
                        if (change instanceof RoomChange.Moved moved) {
                            return (NameChange) new NameChange.Claimed(moved);
                        }
                        // In, but not into the default room: out again, name and all.
                        locals.remove(member);
                        retries.until("freeing " + screenName, () -> names.release(screenName, ref));
                        throw failure != null ? RedisFailures.translate(failure) : new Broker.Unavailable("not entered: " + change);
                    });
        });
    }

    @Override
    public CompletionStage<NameChange> rename(Member member, String newName) {
        return locals.serially(member, () -> {
            String oldName = member.name();
            return names.rename(oldName, newName, locals.ref(member)).thenCompose(refusal -> {
                if (refusal != null) {
                    return CompletableFuture.completedFuture(refusal);
                }
                member.name(newName);
                Room room = member.room();
                CompletionStage<?> shown = room == null ? CompletableFuture.completedFuture(null)
                        : rooms.renamed(room.name(), locals.ref(member), newName);
                return shown.thenApply(done -> (NameChange) new NameChange.Renamed(oldName));
            });
        });
    }

    @Override
    public CompletionStage<RoomChange> moveTo(Member member, String roomName, String password) {
        return locals.serially(member, () -> {
            Room current = member.room();
            if (current != null && current.key().equals(NameRules.key(roomName))) {
                return CompletableFuture.completedFuture(new RoomChange.AlreadyThere(current));
            }
            return enter(member, roomName, password, false, List.of());
        });
    }

    @Override
    public CompletionStage<RoomChange> create(Member member, String roomName) {
        return locals.serially(member, () -> rooms.create(roomName, locals.ref(member), member.name()).thenCompose(reply -> {
            if (reply.status().equals("exists")) {
                return CompletableFuture.completedFuture(new RoomChange.RoomExists(handles.find(reply.text(1))));
            }
            return arrive(member, reply.text(1), List.of(), 0, null, true, List.of(), false);
        }));
    }

    @Override
    public CompletionStage<RoomChange> checkEntry(String roomName, String password) {
        return rooms.entry(roomName).thenApply(entry -> {
            if (entry == null) {
                return new RoomChange.NoSuchRoom(roomName);
            }
            Room room = handles.find(entry[0]);
            if (entry[1] == null) {
                return new RoomChange.Open(room);
            }
            if (password == null) {
                return new RoomChange.Locked(room);
            }
            return entry[1].equals(PasswordDigest.of(entry[0], password)) ? new RoomChange.Open(room) : new RoomChange.WrongPassword(room);
        });
    }

    @Override
    public CompletionStage<Optional<Departure>> leave(Member member) {
        return locals.serially(member, () -> {
            locals.remove(member);
            Room from = member.room();
            if (from == null) {
                return CompletableFuture.completedFuture(Optional.<Departure>empty());
            }
            member.room(null);
            handles.release(from);
            membership.remove(from, member);
            String ref = locals.ref(member);
            String name = member.name();
            retries.until("freeing " + name, () -> names.release(name, ref));
            // Why it left is the chat's to say; if this has to wait for Redis, it is said as a lost connection.
            return leaveInStore(from, ref, LeaveReason.CONNECTION_LOST).thenApply(Optional::of);
        });
    }

    @Override
    public CompletionStage<HostOutcome> setPassword(Member host, String password) {
        return hostActions.setPassword(host, password);
    }

    @Override
    public CompletionStage<HostOutcome> setTopic(Member host, String topic) {
        return hostActions.setTopic(host, topic);
    }

    @Override
    public CompletionStage<HostOutcome> kick(Member host, String targetName) {
        return hostActions.kick(host, targetName);
    }

    @Override
    public CompletionStage<HostOutcome> promote(Member host, String targetName) {
        return hostActions.promote(host, targetName);
    }

    @Override
    public CompletionStage<List<Member>> hostsOf(Room room) {
        return rooms.hosts(room.name()).thenApply(hosts -> hosts.stream().map(host -> member(host.getKey(), host.getValue())).toList());
    }

    @Override
    public CompletionStage<RoomList> listRooms(Page page) {
        return rooms.list(page);
    }

    @Override
    public CompletionStage<RoomInfo> describe(Member member, Page page) {
        Room room = member.room() == null ? defaultRoom() : member.room();
        return rooms.describe(room.name(), page).thenApply(info ->
                info != null ? info : new RoomInfo(room.name(), List.of(), List.of(), 0, null, false));
    }

    @Override
    public int roomCount() {
        return counts.rooms();
    }

    @Override
    public int memberCount() {
        return counts.members();
    }

    /** Enters an existing room (or the default one, made on first use); {@code first} is what the member hears first there. */
    private CompletionStage<RoomChange> enter(Member member, String roomName, String password, boolean isDefault, List<Notice> first) {
        String digest = isDefault ? "" : PasswordDigest.of(roomName, password);
        return rooms.enter(roomName, locals.ref(member), member.name(), digest, NAMES_LISTED, isDefault).thenCompose(reply ->
                switch (reply.status()) {
                    case "ok" -> arrive(member, reply.text(1), reply.textsFrom(5), (int) reply.number(4), reply.textOrNull(2),
                            false, first, false);
                    case "nosuch" -> CompletableFuture.completedFuture(new RoomChange.NoSuchRoom(roomName));
                    case "locked" -> CompletableFuture.completedFuture(new RoomChange.Locked(handles.find(reply.text(1))));
                    case "wrong" -> CompletableFuture.completedFuture(new RoomChange.WrongPassword(handles.find(reply.text(1))));
                    default -> CompletableFuture.completedFuture(new RoomChange.AlreadyThere(handles.find(reply.text(1))));
                });
    }

    /**
     * The member is in room {@code roomName} in Redis now: once the room's events reach this node,
     * it is moved there here (out of its room here, which it leaves in Redis too unless
     * {@code alreadyOut}: a kick took it out).
     *
     * <p>A move the member asked for is admitted to the delivery side once its answer is written
     * ({@link RoomChange.Moved#admission}), so the member reads where it is before what was said
     * there; a forced one (a kick) is admitted at once, with what the member must hear first.
     */
    private CompletionStage<RoomChange> arrive(Member member, String roomName, List<String> company, int companySize,
                                               String topic, boolean created, List<Notice> first, boolean alreadyOut) {
        RoomHandles.Handle handle = handles.acquire(roomName, false);
        return handle.subscribed.handle((subscribed, failure) -> {
            if (failure != null) {
                handles.release(handle.room);
                String ref = locals.ref(member);
                retries.until("leaving " + roomName, () -> rooms.leave(roomName, ref));
                throw RedisFailures.translate(failure);
            }
            return handle.room;
        }).thenCompose(room -> {
            Room from = member.room();
            member.room(room);
            if (from != null) {
                handles.release(from);
                membership.remove(from, member);
            }
            CompletionStage<Departure> left = from == null || alreadyOut ? CompletableFuture.completedFuture(null)
                    : leaveInStore(from, locals.ref(member), LeaveReason.MOVED);
            CompletableFuture<RoomChange> answer = new CompletableFuture<>();
            left.thenAccept(departure -> {
                if (first.isEmpty()) {
                    // Admitted once the answer is written: the member reads where it is, then what was said there.
                    answer.complete(new RoomChange.Moved(member, departure, room, company, companySize, topic, created,
                            () -> membership.admit(room, member, List.of())));
                    return;
                }
                RoomChange.Moved moved = new RoomChange.Moved(member, departure, room, company, companySize, topic, created,
                        () -> { });
                membership.admit(room, member, List.of(first.get(0), moved.entered()));
                answer.complete(moved);
            });
            return answer;
        });
    }

    /**
     * Takes the member out of {@code from} in Redis. When Redis is away, that is done once it is back,
     * and announced then as a leaving for {@code why}: the departure returned now announces nothing.
     */
    private CompletionStage<Departure> leaveInStore(Room from, String ref, LeaveReason why) {
        return rooms.leave(from.name(), ref).handle((reply, failure) -> {
            if (failure != null) {
                retries.until("leaving " + from.name(), () -> rooms.leave(from.name(), ref)
                        .thenAccept(late -> departures.announce(late, why)));
                return new Departure(from, null, 0);
            }
            if (!reply.status().equals("left")) {
                return new Departure(from, null, 0);
            }
            String newHost = reply.textOrNull(2);
            return new Departure(from, newHost == null ? null : member(null, newHost), (int) reply.number(1));
        });
    }

    /** Member {@code member}, kicked out of {@code roomName} by {@code by}, goes to the default room. */
    private CompletionStage<RoomChange.Moved> kicked(Member member, String roomName, String by) {
        Room in = member.room();
        if (in != null && in.key().equals(NameRules.key(roomName))) {
            // At once, before the room's own word of the kick arrives: the member hears nothing more of it.
            membership.remove(in, member);
        }
        return locals.serially(member, () -> {
            Room from = member.room();
            if (from == null || !from.key().equals(NameRules.key(roomName))) {
                return CompletableFuture.completedFuture(null);
            }
            log.info("{} was kicked from {} by {}", member, roomName, by);
            return enter(member, defaultRoom().name(), null, true, List.of(new Notice.KickedOut(from.name(), by)))
                    .thenApply(change -> change instanceof RoomChange.Moved moved ? moved : null);
        });
    }

    /** The member with ref {@code ref}: this node's own, or one of another node reached through its channel. */
    private Member member(String ref, String name) {
        Member local = ref == null ? null : locals.byRef(ref);
        if (local != null) {
            return local;
        }
        return new Member(0, name, ref == null ? null : new RemotePort(link, ref), null);
    }

    private void onNodeMessage(String text) {
        NodeMessage message;
        try {
            message = NodeMessage.decode(text);
        } catch (IllegalArgumentException e) {
            log.warn("ignoring a node message: {}", e.getMessage());
            return;
        }
        Member member = locals.byRef(message.to());
        if (member == null) {
            return;
        }
        if (message.notice() != null) {
            member.port().deliver(message.notice());
            return;
        }
        kicked(member, message.kickedFrom(), message.kickedBy()).thenAccept(moved -> {
            if (moved != null) {
                forcedMoves.arrived(moved);
            }
        });
    }
}
