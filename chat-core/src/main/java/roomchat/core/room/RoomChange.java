package roomchat.core.room;

import java.util.List;

/** What came of a request to move a member into a room. */
public sealed interface RoomChange {

    /**
     * The member is now in {@code to}.
     *
     * @param member  who moved
     * @param from    the room it left, or null when it has just claimed its name
     * @param to      the room it is in now
     * @param company the names of the other members of {@code to}, in order of arrival
     * @param created whether {@code to} was created by this move
     */
    record Moved(Member member, Room from, Room to, List<String> company, boolean created) implements RoomChange {
    }

    /** The member is in {@code room} already; nothing changed. */
    record AlreadyThere(Room room) implements RoomChange {
    }

    /** No room has that name; nothing changed. */
    record NoSuchRoom(String name) implements RoomChange {
    }

    /** A room of that name exists, so it can't be created; nothing changed. */
    record RoomExists(Room room) implements RoomChange {
    }
}
