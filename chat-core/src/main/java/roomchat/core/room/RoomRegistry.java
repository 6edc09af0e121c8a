package roomchat.core.room;

import io.netty.channel.Channel;
import java.util.List;
import java.util.Optional;

/**
 * Every room and every claimed screen name. Each operation is atomic: two users creating the same
 * room at the same instant make one room and one {@link RoomChange.RoomExists}; a name is never
 * claimed twice; a room other than the default one disappears when its last member leaves, and
 * no one can enter it half-removed.
 *
 * <p>Names given to these methods must already satisfy {@link roomchat.core.name.NameRules}.
 */
public interface RoomRegistry {

    /** The room every member enters first, which always exists. */
    Room defaultRoom();

    /** The room with this name, ignoring case. */
    Optional<Room> find(String roomName);

    /**
     * Claims a screen name for a connection and puts the new member in the default room.
     *
     * @return the move into the default room, or empty when the name is taken
     */
    Optional<RoomChange.Moved> claim(String screenName, Channel channel);

    /** Moves a member to an existing room. */
    RoomChange moveTo(Member member, String roomName);

    /** Creates a room and moves the member into it. */
    RoomChange create(Member member, String roomName);

    /**
     * Takes a member out of its room and frees its name. Idempotent.
     *
     * @return the room it left, or empty when it had left already
     */
    Optional<Room> leave(Member member);

    /** The rooms that exist now, in no particular order. */
    List<Room> rooms();

    /** How many names are claimed now. */
    int memberCount();
}
