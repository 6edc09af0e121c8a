package roomchat.core.room;

/** What came of claiming a screen name, or of changing one. */
public sealed interface NameChange {

    /** The name is claimed: the new member is in the default room. */
    record Claimed(RoomChange.Moved moved) implements NameChange {
    }

    /** The member is known by the new name now, and {@code oldName} is free. */
    record Renamed(String oldName) implements NameChange {
    }

    /** Another member has this name, ignoring case; nothing changed. */
    record Taken() implements NameChange {
    }

    /** The name would pass for {@code existing}, the name of another member; nothing changed. */
    record TooLike(String existing) implements NameChange {
    }
}
