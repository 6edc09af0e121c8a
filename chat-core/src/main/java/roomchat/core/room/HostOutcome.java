package roomchat.core.room;

/** What came of a command only a room's host may give. */
public sealed interface HostOutcome {

    /** Done in {@code room}. */
    record Done(Room room) implements HostOutcome {
    }

    /** {@code target} is now a host of {@code room} too. */
    record Promoted(Room room, Member target) implements HostOutcome {
    }

    /** The target was moved out of {@code from} to the default room. */
    record Kicked(Room from, RoomChange.Moved move) implements HostOutcome {
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
