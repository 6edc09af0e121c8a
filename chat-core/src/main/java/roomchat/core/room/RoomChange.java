package roomchat.core.room;

import java.util.List;
import roomchat.core.event.Notice;

/** What came of a request to move a member into a room. */
public sealed interface RoomChange {

    /**
     * The member is now in {@code to}.
     *
     * @param member  who moved
     * @param left    the room it left and what that changed there, or null when it has just
     *                claimed its name
     * @param to      the room it is in now
     * @param company the names of the other members of {@code to}, in order of arrival (the first
     *                ones only, when a cluster's store sends no more)
     * @param companySize how many other members {@code to} has
     * @param topic   the topic of {@code to}, or null
     * @param created whether {@code to} was created by this move (its creator is its host)
     * @param admission what makes the delivery side start delivering {@code to} to the member, to be
     *                run once the member's answer is written, so that it reads where it is before
     *                what was said there; nothing when the registry did that itself as it moved it
     */
    record Moved(Member member, Departure left, Room to, List<String> company, int companySize, String topic,
                 boolean created, Runnable admission) implements RoomChange {

        /** A move whose admission the registry made itself. */
        private static final Runnable ADMITTED = () -> { };

        /** A move the registry admitted itself, with every other member named. */
        public Moved(Member member, Departure left, Room to, List<String> company, String topic, boolean created) {
            this(member, left, to, company, company.size(), topic, created, ADMITTED);
        }

        /** What the member who moved is told. */
        public Notice.Entered entered() {
            return new Notice.Entered(to.name(), company, companySize, topic, created);
        }
    }

    /** The member is in {@code room} already; nothing changed. */
    record AlreadyThere(Room room) implements RoomChange {
    }

    /** No room has that name; nothing changed. */
    record NoSuchRoom(String name) implements RoomChange {
    }

    /** A room of that name exists, so it can't be created; nothing changed. */
    record RoomExists(Room room) implements RoomChange {
    }

    /** The room may be entered, or written to, with the password given; nothing changed. */
    record Open(Room room) implements RoomChange {
    }

    /** The room has a password and none was given; nothing changed. */
    record Locked(Room room) implements RoomChange {
    }

    /** The room has a password and the one given is wrong; nothing changed. */
    record WrongPassword(Room room) implements RoomChange {
    }
}
