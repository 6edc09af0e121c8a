package roomchat.core.room;

/**
 * A member's leaving a room.
 *
 * @param room      the room it left
 * @param newHost   the member that became host because the last host left, or null
 * @param remaining how many members the room has left
 */
public record Departure(Room room, Member newHost, int remaining) {
}
