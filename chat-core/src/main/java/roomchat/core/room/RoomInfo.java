package roomchat.core.room;

import java.util.List;

/**
 * A room as {@code :rooms} and {@code :who} show it, copied at one instant.
 *
 * @param name        the room's name
 * @param members     the names of the members asked for (one page of them, in order of arrival)
 * @param hosts       the names of those among them who are hosts
 * @param memberCount how many members the room has in all
 * @param topic       the topic, or null
 * @param locked      whether it has a password
 */
public record RoomInfo(String name, List<String> members, List<String> hosts, int memberCount, String topic,
                       boolean locked) {
}
