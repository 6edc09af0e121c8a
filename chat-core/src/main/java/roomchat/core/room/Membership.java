package roomchat.core.room;

import java.util.List;
import roomchat.core.event.Notice;

/**
 * Who is told, in order, of every member's arrival in and departure from a room, so that two moves
 * of one member (its own {@code :cr} and a host's kick, say) reach it in the order the registry made
 * them: a registry of one process tells it under its master lock, a cluster's in each member's order
 * of changes. Implementations must not block.
 */
public interface Membership {

    /** Tells no one. */
    Membership NONE = new Membership() {
        @Override
        public void admit(Room room, Member member, List<Notice> first) {
        }

        @Override
        public void remove(Room room, Member member) {
        }
    };

    /** {@code member} has arrived in {@code room}; it is told {@code first} before anything of the room. */
    void admit(Room room, Member member, List<Notice> first);

    /** {@code member} has left {@code room}. */
    void remove(Room room, Member member);
}
