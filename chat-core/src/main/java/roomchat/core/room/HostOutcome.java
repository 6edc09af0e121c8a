package roomchat.core.room;

/** What came of a command only a room's host may give. */
public sealed interface HostOutcome {

    /** Done in {@code room}. */
    record Done(Room room) implements HostOutcome {
    }

    /** The member called {@code target} is now a host of {@code room} too. */
    record Promoted(Room room, String target) implements HostOutcome {
    }

    /**
     * The member called {@code target} was moved out of {@code from} ({@code left} says what that
     * changed there), into the default room by {@code move}; {@code move} is null when another
     * server of a cluster serves the target and makes that move itself.
     */
    record Kicked(String target, Departure left, RoomChange.Moved move) implements HostOutcome {
    }

    /** The one asking is not a host of {@code room}. */
    record NotHost(Room room) implements HostOutcome {
    }

    /** The one asking is in the default room, which has no hosts. */
    record Unhosted(Room room) implements HostOutcome {
    }

    /** Nobody of that name is in the room. */
    record NotInRoom(Room room, String name) implements HostOutcome {
    }

    /** The target is the one asking. */
    record Self() implements HostOutcome {
    }
}
