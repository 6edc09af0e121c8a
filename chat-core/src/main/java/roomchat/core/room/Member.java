package roomchat.core.room;

import io.netty.channel.Channel;
import roomchat.core.limit.GuessThrottle;
import roomchat.core.name.NameRules;

/**
 * A user who has claimed a screen name: the name, the connection it speaks through, and the room it
 * is in. Created by {@link RoomRegistry#claim}; the room changes only through the registry.
 */
public final class Member {

    /** Written only under the registry's master lock (a rename); read from any thread. */
    private volatile String name;
    private final Channel channel;
    /** Confined to the member's own event loop: only its own commands guess passwords. */
    private final GuessThrottle passwordGuesses = new GuessThrottle();
    /** Written only under the registry's master lock; read from any thread. Null once it has left. */
    private volatile Room room;

    Member(String name, Channel channel) {
        this.name = name;
        this.channel = channel;
    }

    /** The screen name, spelled as the user claimed it (or renamed it to). */
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

    /** How this member's wrong room passwords slow its next guesses. Use on its own event loop only. */
    public GuessThrottle passwordGuesses() {
        return passwordGuesses;
    }

    /** The room this member is in, or null once it has left. */
    public Room room() {
        return room;
    }

    void name(String newName) {
        this.name = newName;
    }

    void room(Room room) {
        this.room = room;
    }

    @Override
    public String toString() {
        return name;
    }
}
