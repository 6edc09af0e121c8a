package roomchat.redis;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import roomchat.core.broker.Broker;
import roomchat.core.name.NameRules;
import roomchat.core.room.Room;

/**
 * The rooms this node has members in, as {@link Room#handle handles}: one per room, made when its
 * first member here enters (and the node subscribes to its events), dropped when its last one here
 * leaves (and the node unsubscribes, closing the handle so the delivery side lets it go). The
 * default room's handle is kept for good.
 *
 * <p><b>Lock:</b> this object's monitor guards the map and the counts; held for map updates only.
 */
final class RoomHandles {

    /** One room's handle, how many members of this node are in it, and when its events started to arrive. */
    static final class Handle {
        final Room room;
        /** Null until the first member enters: the broker may not have started before. */
        CompletableFuture<Void> subscribed;
        int members;

        Handle(Room room) {
            this.room = room;
        }
    }

    private final Broker broker;
    private final Map<String, Handle> byKey = new HashMap<>();
    private final Room defaultRoom;

    RoomHandles(Broker broker, String defaultRoomName) {
        this.broker = broker;
        this.defaultRoom = Room.handle(defaultRoomName, true);
        byKey.put(defaultRoom.key(), new Handle(defaultRoom));
    }

    /** The default room's handle, kept for good. */
    Room defaultRoom() {
        return defaultRoom;
    }

    /** The handle of room {@code roomName}, counting one more member of this node in it. */
    synchronized Handle acquire(String roomName, boolean unhosted) {
        Handle handle = byKey.computeIfAbsent(NameRules.key(roomName), key -> new Handle(Room.handle(roomName, unhosted)));
        if (handle.subscribed == null) {
            handle.subscribed = broker.subscribe(handle.room).toCompletableFuture();
        }
        handle.members++;
        return handle;
    }

    /** The handle of room {@code roomName} if this node has members in it, else a passing one. */
    synchronized Room find(String roomName) {
        Handle handle = byKey.get(NameRules.key(roomName));
        return handle != null ? handle.room : Room.handle(roomName, false);
    }

    /** One member of this node fewer in {@code room}; the last one out drops the handle. */
    void release(Room room) {
        synchronized (this) {
            Handle handle = byKey.get(room.key());
            if (handle == null || handle.room != room || --handle.members > 0 || room == defaultRoom) {
                return;
            }
            byKey.remove(room.key());
            room.close();
        }
        broker.unsubscribe(room);
    }

    /** Every handle now, the default room's included. */
    synchronized java.util.List<Room> rooms() {
        return byKey.values().stream().map(handle -> handle.room).toList();
    }
}
