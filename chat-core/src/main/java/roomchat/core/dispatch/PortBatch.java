package roomchat.core.dispatch;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a room's events for the members one event loop serves through {@link EventPort}s: each
 * takes its run (the room's, or one without what spares it) whole if it is writable, none of it if
 * not. Sent by that loop's {@link LoopOutbox} with the loop's other runs; the ports flush themselves.
 */
final class PortBatch implements Outgoing {

    /** Says whether a port takes so many more events now, and counts them as delivered or dropped. */
    @FunctionalInterface
    interface Intake {
        boolean takes(EventPort port, int events);
    }

    private final Intake intake;
    private final List<EventPort> ports = new ArrayList<>();
    private final List<EventRun> runs = new ArrayList<>();

    PortBatch(Intake intake) {
        this.intake = intake;
    }

    /** Adds {@code port}, to be sent {@code run}; by the drain, before the batch is offered. */
    PortBatch add(EventPort port, EventRun run) {
        ports.add(port);
        runs.add(run);
        return this;
    }

    @Override
    public void write() {
        for (int i = 0; i < ports.size(); i++) {
            EventPort port = ports.get(i);
            EventRun run = runs.get(i);
            if (intake.takes(port, run.size())) {
                port.send(run);
            }
        }
    }

    /** None: ports are not channels of the dispatcher's, and flush themselves. */
    @Override
    public List<Channel> channels() {
        return List.of();
    }

    @Override
    public void release() {
        // Events hold no buffers.
    }
}
