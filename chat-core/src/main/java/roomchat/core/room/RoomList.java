package roomchat.core.room;

import java.util.List;

/**
 * One page of the rooms, in name order, copied at one instant.
 *
 * @param rooms the rooms on the page (their {@link RoomInfo#members()} left empty: only counts are shown)
 * @param total how many rooms there are in all
 */
public record RoomList(List<RoomInfo> rooms, int total) {

    public RoomList {
        rooms = List.copyOf(rooms);
    }
}
