package roomchat.core.chat;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.broker.Broker;
import roomchat.core.event.Happening;
import roomchat.core.event.LeaveReason;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Departure;
import roomchat.core.room.ForcedMoves;
import roomchat.core.room.HostOutcome;
import roomchat.core.room.Member;
import roomchat.core.room.RoomChange;

/**
 * Makes a member's move between rooms known: to the room it left (and who is host there now), to the
 * room it entered, and to the member, as the notices of its answer. (The delivery side already
 * knows: the registry told it, as the {@link roomchat.core.room.Membership}, when it made the move.)
 */
final class Moves implements ForcedMoves {

    private static final Logger log = LoggerFactory.getLogger(Moves.class);

    private final Broker broker;
    private final int announceLimit;

    /** Joins and leaves are announced in rooms of at most {@code announceLimit} members. */
    Moves(Broker broker, int announceLimit) {
        this.broker = broker;
        this.announceLimit = announceLimit;
    }

    /** Announces a move the member made; returns what it is told. */
    List<Notice> announce(RoomChange.Moved moved) {
        Member member = moved.member();
        if (moved.left() != null) {
            departed(member, moved.left(), new Happening.Left(LeaveReason.MOVED));
        }
        arrived(moved);
        List<Notice> notices = new ArrayList<>(1);
        notices.add(moved.entered());
        return notices;
    }

    /**
     * Announces a kick by {@code host} (the kicked member was told on its way in). Its arrival in the
     * default room is announced here, or, when another server of a cluster serves it, by that server
     * ({@link #arrived}).
     */
    void announceKick(HostOutcome.Kicked kicked, Member host) {
        Departure left = kicked.left();
        log.info("{} was kicked from {} by {}", kicked.target(), left.room(), host);
        publish(left, RoomEvent.draft(left.room().name(), host, new Happening.Kicked(kicked.target())));
        announceNewHost(left);
        if (kicked.move() != null) {
            arrived(kicked.move());
        }
    }

    /** Announces that a member left the server for {@code why}, and who is the room's host now if that changed. */
    @Override
    public void departed(Member member, Departure departure, LeaveReason why) {
        departed(member, departure, new Happening.Left(why));
    }

    /** Announces a member's arrival in a room (and the room's making, if it made it). */
    @Override
    public void arrived(RoomChange.Moved moved) {
        Member member = moved.member();
        log.info("{} {} joined {}", member.address(), member, moved.to());
        if (moved.created()) {
            broker.publish(moved.to(), RoomEvent.draft(moved.to().name(), member, new Happening.Created()));
        }
        if (moved.companySize() < announceLimit) {
            broker.publish(moved.to(), RoomEvent.draft(moved.to().name(), member, new Happening.Joined()));
        }
    }

    private void departed(Member member, Departure departure, Happening.Left left) {
        log.info("{} {} left {} ({})", member.address(), member, departure.room(), left.why());
        publish(departure, new RoomEvent(departure.room().name(), 0, null, member.name(), member, left));
        announceNewHost(departure);
    }

    /** Publishes a notice about a departure to the room it left, if anyone is left there to hear it. */
    private void publish(Departure departure, RoomEvent draft) {
        if (departure.remaining() > 0 && departure.remaining() < announceLimit) {
            broker.publish(departure.room(), draft);
        }
    }

    private void announceNewHost(Departure departure) {
        if (departure.newHost() != null) {
            broker.publish(departure.room(), RoomEvent.byServer(departure.room().name(),
                    new Happening.HostGranted(departure.newHost().name())));
        }
    }
}
