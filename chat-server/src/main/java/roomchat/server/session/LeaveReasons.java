package roomchat.server.session;

import roomchat.core.event.LeaveReason;
import roomchat.server.connection.CloseReason;

/** Why a member left, as its room is told, from why its connection closed. */
public final class LeaveReasons {

    private LeaveReasons() {
    }

    /** The leave reason for a connection that closed for {@code reason}. */
    public static LeaveReason of(CloseReason reason) {
        switch (reason) {
            case QUIT:
                return LeaveReason.QUIT;
            case IDLE:
                return LeaveReason.IDLE;
            case FLOODING:
                return LeaveReason.FLOODING;
            case SLOW_CONSUMER:
                return LeaveReason.SLOW_CONSUMER;
            case SHUTDOWN:
                return LeaveReason.SHUTDOWN;
            default:
                return LeaveReason.CONNECTION_LOST;
        }
    }
}
