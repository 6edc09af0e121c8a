package roomchat.core.chat;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.dispatch.Dispatcher;
import roomchat.core.room.Departure;
import roomchat.core.room.Member;
import roomchat.core.room.RoomChange;
import roomchat.core.room.RoomMessage;

/**
 * Makes a member's move between rooms known: to the room it left (and who is host there now), to the
 * room it entered, and to the member, as the lines of its answer. (The dispatcher already knows:
 * the registry told it, as the {@link roomchat.core.room.Membership}, when it made the move.)
 */
final class Moves {

    private static final Logger log = LoggerFactory.getLogger(Moves.class);

    private final Dispatcher dispatcher;
    private final int announceLimit;

    /** Joins and leaves are announced in rooms of at most {@code announceLimit} members. */
    Moves(Dispatcher dispatcher, int announceLimit) {
        this.dispatcher = dispatcher;
        this.announceLimit = announceLimit;
    }

    /** Announces a move; returns what the member who moved is told. */
    List<String> announce(RoomChange.Moved moved) {
        return announce(moved, moved.left() == null ? null : Lines.left(moved.member(), moved.left().room()));
    }

    /** Announces a move that {@code host} forced by a kick; returns what the kicked member is told. */
    List<String> announceKick(RoomChange.Moved moved, Member host) {
        return announce(moved, Lines.kicked(moved.member(), moved.left().room(), host));
    }

    private List<String> announce(RoomChange.Moved moved, String leaveLine) {
        Member member = moved.member();
        log.info("{} {} joined {}", member.address(), member, moved.to());
        if (moved.left() != null) {
            departed(member, moved.left(), leaveLine);
        }
        if (moved.company().size() < announceLimit) {
            dispatcher.publish(moved.to(), RoomMessage.toOthers(Lines.joined(member, moved.to()), member));
        }
        List<String> lines = new ArrayList<>(3);
        if (moved.created()) {
            lines.add(Lines.notice("created " + moved.to().name()));
        }
        lines.add(Lines.youAreIn(moved.to(), moved.company()));
        if (moved.topic() != null) {
            lines.add(Lines.topic(moved.topic()));
        }
        return lines;
    }

    /** Announces that a member left a room, and who is its new host if that changed. */
    void departed(Member member, Departure departure) {
        departed(member, departure, Lines.left(member, departure.room()));
    }

    private void departed(Member member, Departure departure, String leaveLine) {
        log.info("{} {} left {}", member.address(), member, departure.room());
        if (departure.remaining() < announceLimit) {
            dispatcher.publish(departure.room(), RoomMessage.toAll(leaveLine));
        }
        if (departure.newHost() != null) {
            dispatcher.publish(departure.room(), RoomMessage.toAll(Lines.newHost(departure.newHost(), departure.room())));
        }
    }
}
