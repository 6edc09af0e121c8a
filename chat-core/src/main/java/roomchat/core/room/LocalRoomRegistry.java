package roomchat.core.room;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import roomchat.core.name.NameRules;

/**
 * The registry of one server process.
 *
 * <p><b>Locking:</b> one master lock guards the room map, the set of claimed names, the member set
 * of every room and every member's current room. Each operation holds it for a few map updates and
 * never for I/O or delivery, so event-loop threads that call in wait only for other such updates.
 */
public final class LocalRoomRegistry implements RoomRegistry {

    private final Object masterLock = new Object();
    /** Rooms by key. Guarded by masterLock. */
    private final Map<String, Room> rooms = new HashMap<>();
    /** Keys of the claimed screen names. Guarded by masterLock. */
    private final Set<String> names = new HashSet<>();
    private final Room defaultRoom;
    private final EventExecutor groupExecutor;

    /** A registry whose default room is called {@code defaultRoomName}. */
    public LocalRoomRegistry(String defaultRoomName) {
        this(defaultRoomName, GlobalEventExecutor.INSTANCE);
    }

    /**
     * A registry whose rooms' channel groups complete their futures on {@code groupExecutor}.
     */
    public LocalRoomRegistry(String defaultRoomName, EventExecutor groupExecutor) {
        if (!NameRules.isRoomName(defaultRoomName)) {
            throw new IllegalArgumentException("not a room name: " + defaultRoomName);
        }
        this.groupExecutor = groupExecutor;
        this.defaultRoom = new Room(defaultRoomName, groupExecutor);
        rooms.put(defaultRoom.key(), defaultRoom);
    }

    @Override
    public Room defaultRoom() {
        return defaultRoom;
    }

    @Override
    public Optional<Room> find(String roomName) {
        synchronized (masterLock) {
            return Optional.ofNullable(rooms.get(NameRules.key(roomName)));
        }
    }

    @Override
    public Optional<RoomChange.Moved> claim(String screenName, Channel channel) {
        synchronized (masterLock) {
            if (!names.add(NameRules.key(screenName))) {
                return Optional.empty();
            }
            return Optional.of(move(new Member(screenName, channel), defaultRoom, false));
        }
    }

    @Override
    public RoomChange moveTo(Member member, String roomName) {
        synchronized (masterLock) {
            Room target = rooms.get(NameRules.key(roomName));
            if (target == null) {
                return new RoomChange.NoSuchRoom(roomName);
            }
            if (target == member.room()) {
                return new RoomChange.AlreadyThere(target);
            }
            return move(member, target, false);
        }
    }

    @Override
    public RoomChange create(Member member, String roomName) {
        synchronized (masterLock) {
            Room existing = rooms.get(NameRules.key(roomName));
            if (existing != null) {
                return new RoomChange.RoomExists(existing);
            }
            Room created = new Room(roomName, groupExecutor);
            rooms.put(created.key(), created);
            return move(member, created, true);
        }
    }

    @Override
    public Optional<Room> leave(Member member) {
        synchronized (masterLock) {
            Room left = member.room();
            if (left != null) {
                quit(member, left);
                member.room(null);
                names.remove(member.key());
            }
            return Optional.ofNullable(left);
        }
    }

    @Override
    public List<Room> rooms() {
        synchronized (masterLock) {
            return new ArrayList<>(rooms.values());
        }
    }

    @Override
    public int memberCount() {
        synchronized (masterLock) {
            return names.size();
        }
    }

    /** Caller holds masterLock. */
    private RoomChange.Moved move(Member member, Room target, boolean created) {
        Room from = member.room();
        if (from != null) {
            quit(member, from);
        }
        List<String> company = target.memberNames();
        target.add(member);
        member.room(target);
        return new RoomChange.Moved(member, from, target, company, created);
    }

    /** Caller holds masterLock. */
    private void quit(Member member, Room room) {
        room.remove(member);
        if (room.isEmpty() && room != defaultRoom) {
            rooms.remove(room.key());
        }
    }
}
