package roomchat.core.room;

import java.util.List;

/**
 * A room as {@code :rooms} and {@code :who} show it, copied at one instant.
 *
 * @param name    the room's name
 * @param members the members' names, in order of arrival
 * @param hosts   the names of those among them who are hosts
 * @param topic   the topic, or null
 * @param locked  whether it has a password
 */
public record RoomInfo(String name, List<String> members, List<String> hosts, String topic, boolean locked) {
}
