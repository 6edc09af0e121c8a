package roomchat.core.room;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Every room, every member and every claimed screen name. Each operation is atomic: two users
 * creating the same room at the same instant make one room and one {@link RoomChange.RoomExists};
 * a name is never claimed twice, nor while a name it would pass for is in use
 * ({@link roomchat.core.name.LookAlikes}); a room other than the default one disappears when its
 * last member leaves, and no one can enter it half-removed; a room that loses its last host gets a
 * new one at once.
 *
 * <p>Names given to these methods must already satisfy {@link roomchat.core.name.NameRules}.
 * Passwords may be null, meaning none was given.
 */
public interface RoomRegistry {

    /** From now on, tells {@code membership} of every arrival and departure, under the registry's lock. */
    void deliverMovesTo(Membership membership);

    /** The room every member enters first, which always exists and never has hosts. */
    Room defaultRoom();

    /** The member with this screen name, ignoring case. */
    Optional<Member> findMember(String screenName);

    /**
     * Claims a screen name for a member reached through {@code port}, connected from {@code address},
     * and puts the new member in the default room.
     *
     * @return {@link NameChange.Claimed} with the move into the default room;
     *         {@link NameChange.Taken} or {@link NameChange.TooLike} when the name can't be had
     */
    NameChange claim(String screenName, MemberPort port, InetAddress address);

    /**
     * Changes a member's screen name, under the same rules as a claim (a name like its own is fine).
     *
     * @return {@link NameChange.Renamed} with the old name; {@link NameChange.Taken} or
     *         {@link NameChange.TooLike} when the new name can't be had
     */
    NameChange rename(Member member, String newName);

    /**
     * Moves a member to an existing room, which may need a password. A member already in that room
     * is told so whatever password it gave, which is then not checked.
     */
    RoomChange moveTo(Member member, String roomName, String password);

    /** Creates a room and moves the member into it, as its host. */
    RoomChange create(Member member, String roomName);

    /** Whether a room may be written to from outside with this password: {@link RoomChange.Open} or why not. */
    RoomChange checkEntry(String roomName, String password);

    /**
     * Takes a member out of its room and frees its name. Idempotent.
     *
     * @return the departure, or empty when it had left already
     */
    Optional<Departure> leave(Member member);

    /** Sets (or with null clears) the password of the host's room. */
    HostOutcome setPassword(Member host, String password);

    /** Sets (or with null clears) the topic of the host's room. */
    HostOutcome setTopic(Member host, String topic);

    /** Moves a member of the host's room to the default room. */
    HostOutcome kick(Member host, String targetName);

    /** Makes a member of the host's room a host too. */
    HostOutcome promote(Member host, String targetName);

    /** The hosts of {@code room} now, in no particular order; none once it is gone. */
    List<Member> hostsOf(Room room);

    /** One page of the rooms as they are now, in name order. */
    RoomList listRooms(Page page);

    /** The room a member is in, as it is now, with one page of its members. */
    RoomInfo describe(Member member, Page page);

    /** The rooms that exist now, in no particular order. */
    List<Room> rooms();

    /** How many names are claimed now. */
    int memberCount();
}
