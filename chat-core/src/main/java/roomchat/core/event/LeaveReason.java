package roomchat.core.event;

/** Why a member left a room. (A kick is its own event, {@link Happening.Kicked}.) */
public enum LeaveReason {
    /** It said goodbye ({@code :e}). */
    QUIT,
    /** It moved to another room. */
    MOVED,
    /** It said nothing for too long. */
    IDLE,
    /** It sent lines faster than allowed for too long. */
    FLOODING,
    /** It read the room's lines too slowly for too long. */
    SLOW_CONSUMER,
    /** Its connection broke or was closed. */
    CONNECTION_LOST,
    /** The server shut down. */
    SHUTDOWN
}
