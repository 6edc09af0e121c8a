package roomchat.bench;

import java.util.Locale;

/**
 * Which door a room's listeners (the members that do not send) come in through. Senders always speak
 * the chat's TCP protocol, so a line's way in is the same in every kind; only its way out differs.
 * The room's last member is its probe (its receipts pace the senders' windows, see {@link LoadRun}):
 * with {@link #MIXED} it is a gRPC one, so that the slower door, if one is, sets the pace and neither
 * door's queues grow without bound.
 */
enum Receivers {
    /** Every member on TCP, as nc users: the figures recorded before the gRPC door. */
    TCP,
    /** Every listener on the gRPC door (typed events); the senders, who also receive, on TCP. */
    GRPC,
    /** Every other listener on gRPC, counting back from the room's last (the probe), the rest on TCP. */
    MIXED;

    /** Whether member {@code indexInRoom} of a room of {@code clientsPerRoom}, the first {@code sendersPerRoom} sending, joins over gRPC. */
    boolean overGrpc(int indexInRoom, int clientsPerRoom, int sendersPerRoom) {
        if (indexInRoom < sendersPerRoom) {
            return false;
        }
        return switch (this) {
            case TCP -> false;
            case GRPC -> true;
            case MIXED -> (clientsPerRoom - 1 - indexInRoom) % 2 == 0;
        };
    }

    /** As on the command line: {@code tcp}, {@code grpc}, {@code mixed}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
