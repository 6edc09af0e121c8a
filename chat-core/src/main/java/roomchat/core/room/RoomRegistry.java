package roomchat.core.room;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

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
 *
 * <p><b>Asynchronous:</b> a registry shared by several servers answers only once its store has, so
 * every question and change returns a stage, which a registry of one process completes before it
 * returns. A stage fails with {@link roomchat.core.broker.Broker.Unavailable} when the store can't
 * be reached; nothing changed then. No method blocks, so an event loop may call any of them. Changes
 * of one member complete in the order they were asked for.
 */
public interface RoomRegistry {

    /** From now on, tells {@code membership} of every arrival and departure, in the order they are made. */
    void deliverMovesTo(Membership membership);

    /**
     * From now on, hands {@code announcer} every move that no command on this server asked for (see
     * {@link ForcedMoves}), so that it is announced like any other. A registry of one process makes
     * no such moves.
     */
    default void announceForcedMovesTo(ForcedMoves announcer) {
    }

    /** The room every member enters first, which always exists and never has hosts. */
    Room defaultRoom();

    /** The member with this screen name, ignoring case. */
    CompletionStage<Optional<Member>> findMember(String screenName);

    /**
     * Claims a screen name for a member reached through {@code port}, connected from {@code address},
     * and puts the new member in the default room.
     *
     * @return {@link NameChange.Claimed} with the move into the default room;
     *         {@link NameChange.Taken} or {@link NameChange.TooLike} when the name can't be had
     */
    CompletionStage<NameChange> claim(String screenName, MemberPort port, InetAddress address);

    /**
     * Changes a member's screen name, under the same rules as a claim (a name like its own is fine).
     *
     * @return {@link NameChange.Renamed} with the old name; {@link NameChange.Taken} or
     *         {@link NameChange.TooLike} when the new name can't be had
     */
    CompletionStage<NameChange> rename(Member member, String newName);

    /**
     * Moves a member to an existing room, which may need a password. A member already in that room
     * is told so whatever password it gave, which is then not checked.
     */
    CompletionStage<RoomChange> moveTo(Member member, String roomName, String password);

    /** Creates a room and moves the member into it, as its host. */
    CompletionStage<RoomChange> create(Member member, String roomName);

    /** Whether a room may be written to from outside with this password: {@link RoomChange.Open} or why not. */
    CompletionStage<RoomChange> checkEntry(String roomName, String password);

    /**
     * Takes a member out of its room and frees its name. Idempotent.
     *
     * @return the departure, or empty when it had left already
     */
    CompletionStage<Optional<Departure>> leave(Member member);

    /** Sets (or with null clears) the password of the host's room. */
    CompletionStage<HostOutcome> setPassword(Member host, String password);

    /** Sets (or with null clears) the topic of the host's room. */
    CompletionStage<HostOutcome> setTopic(Member host, String topic);

    /**
     * Moves a member of the host's room to the default room. When the member is served by another
     * server of a cluster, that server makes the move into the default room, and the outcome has
     * none.
     */
    CompletionStage<HostOutcome> kick(Member host, String targetName);

    /** Makes a member of the host's room a host too. */
    CompletionStage<HostOutcome> promote(Member host, String targetName);

    /** The hosts of {@code room} now, in no particular order; none once it is gone. */
    CompletionStage<List<Member>> hostsOf(Room room);

    /** One page of the rooms as they are now, in name order. */
    CompletionStage<RoomList> listRooms(Page page);

    /** The room a member is in, as it is now, with one page of its members. */
    CompletionStage<RoomInfo> describe(Member member, Page page);

    /** How many rooms exist now (for a cluster: as of a moment ago). Answered at once. */
    int roomCount();

    /** How many names are claimed now (for a cluster: as of a moment ago). Answered at once. */
    int memberCount();
}
