package roomchat.core.room;

import roomchat.core.event.LeaveReason;

/**
 * Who announces the moves of members that no command of theirs asked for on this server: in a
 * cluster, a member of this server kicked by a host on another, or a member of a server that died,
 * taken out of its room by this one. The chat announces them as it announces any other move.
 */
public interface ForcedMoves {

    /** Announces nothing. */
    ForcedMoves NONE = new ForcedMoves() {
        @Override
        public void arrived(RoomChange.Moved moved) {
        }

        @Override
        public void departed(Member member, Departure departure, LeaveReason why) {
        }
    };

    /** {@code moved.member()} arrived in {@code moved.to()}. */
    void arrived(RoomChange.Moved moved);

    /** {@code member} left {@code departure.room()} for {@code why}. */
    void departed(Member member, Departure departure, LeaveReason why);
}
