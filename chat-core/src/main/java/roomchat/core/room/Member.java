package roomchat.core.room;

import java.net.InetAddress;
import roomchat.core.name.NameRules;

/**
 * A user who has claimed a screen name: its id, the name, the port it is reached through, the
 * address it connected from, and the room it is in. Created by {@link RoomRegistry#claim}; the room changes
 * only through the registry.
 */
public final class Member {

    /** Written only under the registry's master lock (a rename); read from any thread. */
    private final long id;
    private volatile String name;
    private final MemberPort port;
    private final InetAddress address;
    /** Written only under the registry's master lock; read from any thread. Null once it has left. */
    private volatile Room room;

    /**
     * A member; only registries make them: one for each name claimed on this server, and one for a
     * member of another server of a cluster, reached through a port that forwards to it.
     */
    public Member(long id, String name, MemberPort port, InetAddress address) {
        this.id = id;
        this.name = name;
        this.port = port;
        this.address = address;
    }

    /** Unique among the members of this server, for its life; never reused. */
    public long id() {
        return id;
    }

    /** The screen name, spelled as the user claimed it (or renamed it to). */
    public String name() {
        return name;
    }

    /** The case-insensitive key of the name. */
    public String key() {
        return NameRules.key(name);
    }

    /** How this member is reached. */
    public MemberPort port() {
        return port;
    }

    /** The address of the person behind the connection, which limits such as password guessing count by. */
    public InetAddress address() {
        return address;
    }

    /** The room this member is in, or null once it has left. */
    public Room room() {
        return room;
    }

    /** Renames the member. Only its registry calls this. */
    public void name(String newName) {
        this.name = newName;
    }

    /** Puts the member in {@code room} (null: off the server). Only its registry calls this. */
    public void room(Room room) {
        this.room = room;
    }

    @Override
    public String toString() {
        return name;
    }
}
