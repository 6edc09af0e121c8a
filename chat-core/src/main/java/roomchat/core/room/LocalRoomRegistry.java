package roomchat.core.room;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import roomchat.core.event.Notice;
import roomchat.core.history.HistoryStore;
import roomchat.core.name.LookAlikes;
import roomchat.core.name.NameRules;

/**
 * The registry of one server process. It answers every question before it returns, so its stages
 * are always complete.
 *
 * <p><b>Locking:</b> one master lock guards the room map, the members by name and by the
 * skeletons of their names, and every room's members, hosts, topic and password, and every
 * member's name and room. Each operation holds it for a few map updates and never for I/O or
 * delivery, so event-loop threads that call in wait only for other such updates. The
 * {@link Membership} is told of moves under the lock too, which only queues them. Skeletons
 * ({@link LookAlikes}) are computed before the lock is taken.
 */
public final class LocalRoomRegistry implements RoomRegistry {

    private final Object masterLock = new Object();
    /** Rooms by key, in key order (the order of {@code :rooms}). Guarded by masterLock. */
    private final NavigableMap<String, Room> rooms = new TreeMap<>();
    /** Members by the key of their name. Guarded by masterLock. */
    private final Map<String, Member> members = new HashMap<>();
    /**
     * Members by each of the skeletons of their name ({@link LookAlikes#skeletons}): no two members
     * share one. Guarded by masterLock.
     */
    private final Map<String, Member> bySkeleton = new HashMap<>();
    private final Room defaultRoom;
    private final AtomicLong memberIds = new AtomicLong();
    private final int historyLines;
    private final HistoryBudget historyBudget;
    private final HistoryStore historyStore;
    private volatile Membership membership = Membership.NONE;

    /** A registry whose default room is called {@code defaultRoomName}, keeping no history. */
    public LocalRoomRegistry(String defaultRoomName) {
        this(defaultRoomName, 0);
    }

    /** A registry whose rooms each keep their last {@code historyLines} lines. */
    public LocalRoomRegistry(String defaultRoomName, int historyLines) {
        this(defaultRoomName, historyLines, HistoryBudget.unlimited());
    }

    /** As above, with every room's history together within {@code historyBudget}. */
    public LocalRoomRegistry(String defaultRoomName, int historyLines, HistoryBudget historyBudget) {
        this(defaultRoomName, historyLines, historyBudget, HistoryStore.NONE);
    }

    /**
     * As above, with rooms' lines kept in {@code historyStore} too: a room made again (the default
     * room at start among them) resumes from what the store holds of it.
     */
    public LocalRoomRegistry(String defaultRoomName, int historyLines, HistoryBudget historyBudget,
                             HistoryStore historyStore) {
        if (!NameRules.isRoomName(defaultRoomName)) {
            throw new IllegalArgumentException("not a room name: " + defaultRoomName);
        }
        LookAlikes.load();
        this.historyLines = historyLines;
        this.historyBudget = historyBudget;
        this.historyStore = historyStore;
        this.defaultRoom = new Room(defaultRoomName, historyLines, historyBudget, true, historyStore);
        rooms.put(defaultRoom.key(), defaultRoom);
    }

    @Override
    public void deliverMovesTo(Membership newMembership) {
        this.membership = newMembership;
    }

    @Override
    public Room defaultRoom() {
        return defaultRoom;
    }

    @Override
    public CompletionStage<Optional<Member>> findMember(String screenName) {
        synchronized (masterLock) {
            return done(Optional.ofNullable(members.get(NameRules.key(screenName))));
        }
    }

    @Override
    public CompletionStage<NameChange> claim(String screenName, MemberPort port, InetAddress address) {
        List<String> skeletons = LookAlikes.skeletons(screenName);
        synchronized (masterLock) {
            String key = NameRules.key(screenName);
            if (members.containsKey(key)) {
                return done(new NameChange.Taken());
            }
            Member lookAlike = lookAlike(skeletons, null);
            if (lookAlike != null) {
                return done(new NameChange.TooLike(lookAlike.name()));
            }
            Member member = new Member(memberIds.incrementAndGet(), screenName, port, address);
            members.put(key, member);
            skeletons.forEach(skeleton -> bySkeleton.put(skeleton, member));
            return done(new NameChange.Claimed(move(member, defaultRoom, false, null)));
        }
    }

    @Override
    public CompletionStage<NameChange> rename(Member member, String newName) {
        List<String> newSkeletons = LookAlikes.skeletons(newName);
        String oldName = member.name();
        List<String> oldSkeletons = LookAlikes.skeletons(oldName);
        synchronized (masterLock) {
            Member holder = members.get(NameRules.key(newName));
            if (holder != null && holder != member) {
                return done(new NameChange.Taken());
            }
            Member lookAlike = lookAlike(newSkeletons, member);
            if (lookAlike != null) {
                return done(new NameChange.TooLike(lookAlike.name()));
            }
            String renamed = member.name();
            forgetName(member, renamed.equals(oldName) ? oldSkeletons : LookAlikes.skeletons(renamed));
            member.name(newName);
            members.put(member.key(), member);
            newSkeletons.forEach(skeleton -> bySkeleton.put(skeleton, member));
            return done(new NameChange.Renamed(renamed));
        }
    }

    @Override
    public CompletionStage<RoomChange> moveTo(Member member, String roomName, String password) {
        synchronized (masterLock) {
            Room current = member.room();
            if (current != null && current.key().equals(NameRules.key(roomName))) {
                return done(new RoomChange.AlreadyThere(current));
            }
            RoomChange entry = entry(roomName, password);
            if (!(entry instanceof RoomChange.Open open)) {
                return done(entry);
            }
            return done(move(member, open.room(), false, null));
        }
    }

    @Override
    public CompletionStage<RoomChange> create(Member member, String roomName) {
        synchronized (masterLock) {
            Room existing = rooms.get(NameRules.key(roomName));
            if (existing != null) {
                return done(new RoomChange.RoomExists(existing));
            }
            Room created = new Room(roomName, historyLines, historyBudget, false, historyStore);
            rooms.put(created.key(), created);
            created.addHost(member);
            return done(move(member, created, true, null));
        }
    }

    @Override
    public CompletionStage<RoomChange> checkEntry(String roomName, String password) {
        synchronized (masterLock) {
            return done(entry(roomName, password));
        }
    }

    @Override
    public CompletionStage<Optional<Departure>> leave(Member member) {
        String name = member.name();
        List<String> skeletons = LookAlikes.skeletons(name);
        synchronized (masterLock) {
            Room left = member.room();
            if (left == null) {
                return done(Optional.empty());
            }
            Departure departure = quit(member, left, null);
            forgetName(member, name.equals(member.name()) ? skeletons : LookAlikes.skeletons(member.name()));
            return done(Optional.of(departure));
        }
    }

    @Override
    public CompletionStage<HostOutcome> setPassword(Member host, String password) {
        return asHost(host, room -> {
            room.password(password);
            return new HostOutcome.Done(room);
        });
    }

    @Override
    public CompletionStage<HostOutcome> setTopic(Member host, String topic) {
        return asHost(host, room -> {
            room.topic(topic);
            return new HostOutcome.Done(room);
        });
    }

    @Override
    public CompletionStage<HostOutcome> kick(Member host, String targetName) {
        return asHostOf(host, targetName, (room, target) -> {
            RoomChange.Moved moved = move(target, defaultRoom, false, host);
            return new HostOutcome.Kicked(target.name(), moved.left(), moved);
        });
    }

    @Override
    public CompletionStage<HostOutcome> promote(Member host, String targetName) {
        return asHostOf(host, targetName, (room, target) -> {
            room.addHost(target);
            return new HostOutcome.Promoted(room, target.name());
        });
    }

    @Override
    public CompletionStage<List<Member>> hostsOf(Room room) {
        synchronized (masterLock) {
            return done(room.hosts());
        }
    }

    @Override
    public CompletionStage<RoomList> listRooms(Page page) {
        synchronized (masterLock) {
            List<RoomInfo> list = new ArrayList<>(page.size());
            rooms.values().stream().skip(page.offset()).limit(page.size())
                    .forEach(room -> list.add(new RoomInfo(room.name(), List.of(), List.of(), room.size(),
                            room.topic(), room.isLocked())));
            return done(new RoomList(list, rooms.size()));
        }
    }

    @Override
    public CompletionStage<RoomInfo> describe(Member member, Page page) {
        synchronized (masterLock) {
            Room room = member.room() == null ? defaultRoom : member.room();
            List<String> names = new ArrayList<>(page.size());
            List<String> hosts = new ArrayList<>();
            room.membersOn(page).forEach(each -> {
                names.add(each.name());
                if (room.isHost(each)) {
                    hosts.add(each.name());
                }
            });
            return done(new RoomInfo(room.name(), names, hosts, room.size(), room.topic(), room.isLocked()));
        }
    }

    /** The rooms that exist now, in no particular order. */
    public List<Room> rooms() {
        synchronized (masterLock) {
            return new ArrayList<>(rooms.values());
        }
    }

    @Override
    public int roomCount() {
        synchronized (masterLock) {
            return rooms.size();
        }
    }

    @Override
    public int memberCount() {
        synchronized (masterLock) {
            return members.size();
        }
    }

    /** Caller holds masterLock. The member, other than {@code self}, whose name has one of these skeletons; or null. */
    private Member lookAlike(List<String> skeletons, Member self) {
        for (String skeleton : skeletons) {
            Member holder = bySkeleton.get(skeleton);
            if (holder != null && holder != self) {
                return holder;
            }
        }
        return null;
    }

    /** Caller holds masterLock. Frees the member's current name, whose skeletons are given. */
    private void forgetName(Member member, List<String> skeletons) {
        members.remove(member.key(), member);
        skeletons.forEach(skeleton -> bySkeleton.remove(skeleton, member));
    }

    /** Caller holds masterLock. */
    private RoomChange entry(String roomName, String password) {
        Room room = rooms.get(NameRules.key(roomName));
        if (room == null) {
            return new RoomChange.NoSuchRoom(roomName);
        }
        if (!room.admits(password)) {
            return password == null ? new RoomChange.Locked(room) : new RoomChange.WrongPassword(room);
        }
        return new RoomChange.Open(room);
    }

    /**
     * Caller holds masterLock. Moves {@code member} to {@code target}; when {@code kickedBy} sent it,
     * it is told so, and where it is, before anything of {@code target} reaches it.
     */
    private RoomChange.Moved move(Member member, Room target, boolean created, Member kickedBy) {
        Room from = member.room();
        Departure left = from == null ? null : quit(member, from, target);
        List<String> company = target.memberNames();
        target.add(member);
        member.room(target);
        RoomChange.Moved moved = new RoomChange.Moved(member, left, target, company, target.topic(), created);
        membership.admit(target, member, kickedBy == null ? List.of()
                : List.of(new Notice.KickedOut(from.name(), kickedBy.name()), moved.entered()));
        return moved;
    }

    /**
     * Caller holds masterLock. Takes {@code member} out of {@code room}, to {@code next} (null: off
     * the server). Its room changes before the room's order hears of it, so that from then on no
     * line of its is ordered there ({@link roomchat.core.broker.Broker}).
     */
    private Departure quit(Member member, Room room, Room next) {
        member.room(next);
        Member newHost = room.remove(member);
        if (room.isEmpty() && room != defaultRoom) {
            rooms.remove(room.key());
            // Closed before the departure is queued, so the drain that runs it sees the room closed.
            room.close();
        }
        membership.remove(room, member);
        return new Departure(room, newHost, room.memberNames().size());
    }

    /** Under the master lock: {@code action} on the host's room, if {@code host} may give host commands there. */
    private CompletionStage<HostOutcome> asHost(Member host, Function<Room, HostOutcome> action) {
        synchronized (masterLock) {
            HostOutcome refused = refuseUnlessHost(host);
            return done(refused != null ? refused : action.apply(host.room()));
        }
    }

    /** Under the master lock: {@code action} on a member of the host's room, if the host may act on it. */
    private CompletionStage<HostOutcome> asHostOf(Member host, String targetName, BiFunction<Room, Member, HostOutcome> action) {
        synchronized (masterLock) {
            Member target = members.get(NameRules.key(targetName));
            HostOutcome refused = refuseUnlessHostOf(host, target, targetName);
            return done(refused != null ? refused : action.apply(host.room(), target));
        }
    }

    /** The answer of a registry that answers at once. */
    private static <T> CompletionStage<T> done(T answer) {
        return CompletableFuture.completedFuture(answer);
    }

    /** Caller holds masterLock. Null when {@code host} may give host commands in its room. */
    private static HostOutcome refuseUnlessHost(Member host) {
        Room room = host.room();
        if (room.isUnhosted()) {
            return new HostOutcome.Unhosted(room);
        }
        return room.isHost(host) ? null : new HostOutcome.NotHost(room);
    }

    /** Caller holds masterLock. Null when {@code host} may act on {@code target} in its room. */
    private static HostOutcome refuseUnlessHostOf(Member host, Member target, String targetName) {
        HostOutcome refused = refuseUnlessHost(host);
        if (refused != null) {
            return refused;
        }
        if (target == host) {
            return new HostOutcome.Self();
        }
        return target != null && host.room().contains(target) ? null : new HostOutcome.NotInRoom(host.room(), targetName);
    }

}
