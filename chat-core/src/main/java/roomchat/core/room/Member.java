package roomchat.core.room;

import io.netty.channel.Channel;
import roomchat.core.name.NameRules;

/**
 * A user who has claimed a screen name: the name, the connection it speaks through, and the room it
 * is in. Created by {@link RoomRegistry#claim}; the room changes only through the registry.
 */
public final class Member {

    private final String name;
    private final Channel channel;
    /** Written only under the registry's master lock; read from any thread. Null once it has left. */
    private volatile Room room;

    Member(String name, Channel channel) {
        this.name = name;
        this.channel = channel;
    }

    /** The screen name, spelled as the user claimed it. */
    public String name() {
        return name;
    }

    /** The case-insensitive key of the name. */
    public String key() {
        return NameRules.key(name);
    }

    /** The connection this member reads and writes through. */
    public Channel channel() {
        return channel;
    }

    /** The room this member is in, or null once it has left. */
    public Room room() {
        return room;
    }

    void room(Room room) {
        this.room = room;
    }

    @Override
    public String toString() {
        return name;
    }
}
