package roomchat.core.event;

import java.util.List;
import roomchat.core.room.Page;
import roomchat.core.room.RoomInfo;

/**
 * Something the server tells one member (or one connection still choosing a name), outside any
 * room's order: an answer to what it typed, an error, a private line. Typed, so that each door
 * renders it in its own format and a program can act on it without reading English.
 */
public sealed interface Notice {

    /** A notice in words only: nothing in it for a program to act on. */
    record Info(String text) implements Notice {
    }

    /** Something typed was refused, or went wrong; {@code text} says what. The connection stays usable. */
    record Error(String text) implements Notice {
    }

    /** The first thing a connection is told: how many are online. */
    record Welcome(int online) implements Notice {
    }

    /** Asks for a screen name; {@code rule} says what a name may be. */
    record NamePrompt(String rule) implements Notice {
    }

    /** The connection is the member {@code name} now. */
    record Named(String name) implements Notice {
    }

    /**
     * The member is in {@code room} now, with {@code companySize} others, the first of whom, in order
     * of arrival, are {@code company} (all of them, or as many as a cluster's store sends), under
     * {@code topic} (or null); {@code created} when it has just created the room.
     */
    record Entered(String room, List<String> company, int companySize, String topic, boolean created) implements Notice {
        public Entered {
            company = List.copyOf(company);
        }

        /** With every other member named. */
        public Entered(String room, List<String> company, String topic, boolean created) {
            this(room, company, company.size(), topic, created);
        }
    }

    /** The member asked for the room it is in already. */
    record AlreadyIn(String room) implements Notice {
    }

    /** The member is known as {@code name} from now on. */
    record NameChanged(String name) implements Notice {
    }

    /** A host ({@code by}) took the member out of {@code room}; the member is in the default room next. */
    record KickedOut(String room, String by) implements Notice {
    }

    /** A private line from {@code from}. */
    record PrivateLine(String from, String text) implements Notice {
    }

    /** The member's line was delivered to {@code to} (a user, or another room). */
    record Sent(String to) implements Notice {
    }

    /** One page of the rooms: {@code rooms} on page {@code page} of a list of {@code total}. */
    record RoomsPage(List<RoomInfo> rooms, int total, Page page) implements Notice {
        public RoomsPage {
            rooms = List.copyOf(rooms);
        }
    }

    /** One page of the members of {@code room} (its members and hosts are those on the page). */
    record MembersPage(RoomInfo room, Page page) implements Notice {
    }

    /** To a room's hosts: {@code count} wrong passwords were tried for {@code room} in {@code minutes} minutes. */
    record WrongPasswords(int count, String room, int minutes) implements Notice {
    }

    /** The list of commands. */
    record Help() implements Notice {
    }

    /**
     * What was said in a room, oldest first (each event as it was ordered): before the member came,
     * replayed as it enters (what follows is live), or, when {@code requested}, the answer to
     * {@code :history}, which nobody else gets and which may be days old. An answer to
     * {@code :history lines before} names its {@code before} (else {@link #UNBOUNDED}), so that a client
     * that asked for it (a page loading older lines as it is scrolled up) knows its answer from the
     * answer to a {@code :history} typed meanwhile.
     */
    record History(String room, List<RoomEvent> events, boolean requested, long before) implements Notice {
        /** {@link #before} of an answer with no bound: the room's last lines. */
        public static final long UNBOUNDED = Long.MAX_VALUE;

        public History {
            events = List.copyOf(events);
        }

        /** A replay, or the answer to a {@code :history} with no bound. */
        public History(String room, List<RoomEvent> events, boolean requested) {
            this(room, events, requested, UNBOUNDED);
        }

        /** The replay of a room's history to a member entering it. */
        public History(String room, List<RoomEvent> events) {
            this(room, events, false);
        }

        /** Whether this answers a {@code :history} bounded by a sequence number. */
        public boolean bounded() {
            return before != UNBOUNDED;
        }
    }

    /**
     * The connection closes after this; {@code why} says why ("bye", "server shutting down", ...);
     * {@code comeBack} when the server, not the user, ends it and a client may connect again later.
     */
    record Goodbye(String why, boolean comeBack) implements Notice {

        /** A goodbye after which the client should not connect again by itself. */
        public Goodbye(String why) {
            this(why, false);
        }
    }
}
