package roomchat.core.event;

/**
 * What a {@link RoomEvent} says happened. The event's actor is who did it: the speaker, the one who
 * came or went, the host who acted, or the old name of one who was renamed.
 */
public sealed interface Happening {

    /** The actor said {@code text} to the room. Kept in history. */
    record Said(String text) implements Happening {
    }

    /** The actor did {@code action} ({@code :me}). Kept in history. */
    record Acted(String action) implements Happening {
    }

    /** The actor, a member of {@code fromRoom}, sent {@code text} into this room ({@code :erm}). Kept in history. */
    record Relayed(String fromRoom, String text) implements Happening {
    }

    /** The actor entered the room. */
    record Joined() implements Happening {
    }

    /** The actor left the room, for {@code why}. */
    record Left(LeaveReason why) implements Happening {
    }

    /** The actor, a host, took {@code target} out of the room (to the default room). */
    record Kicked(String target) implements Happening {
    }

    /** The actor is known as {@code newName} from now on. */
    record Renamed(String newName) implements Happening {
    }

    /**
     * {@code target} is a host of the room now: made one by the actor, a host, or, with no actor,
     * because the last host left.
     */
    record HostGranted(String target) implements Happening {
    }

    /** The actor, a host, set the topic to {@code topic}, or cleared it when {@code topic} is null. */
    record TopicChanged(String topic) implements Happening {
    }

    /** The actor, a host, locked the room with a password ({@code locked}), or unlocked it. */
    record LockChanged(boolean locked) implements Happening {
    }

    /** The actor created the room and is its first host. */
    record Created() implements Happening {
    }

    /** Whether events of this kind are what was said in the room, which its history keeps. */
    default boolean kept() {
        return this instanceof Said || this instanceof Acted || this instanceof Relayed;
    }

    /**
     * Whether the event is ordered only while its actor is still in the room: a line typed at the
     * instant its sender is moved out never lands in the room it left.
     */
    default boolean needsActorPresent() {
        return this instanceof Said || this instanceof Acted || this instanceof Joined || this instanceof Renamed;
    }

    /** Whether the actor itself is spared the event: it typed the line, or it is told in its own words. */
    default boolean sparesActor() {
        return kept() || this instanceof Joined || this instanceof Renamed || this instanceof Created;
    }
}
