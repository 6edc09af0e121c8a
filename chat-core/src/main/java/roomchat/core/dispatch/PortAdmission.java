package roomchat.core.dispatch;

import io.netty.channel.Channel;
import java.util.List;
import roomchat.core.event.Notice;

/**
 * What a member reached through an {@link EventPort} hears on entering a room (its move's notices,
 * then the history), handed to its loop through the same {@link LoopOutbox} as the room's runs so
 * that nothing of the room overtakes it: the counterpart of {@link Admission} for a channel.
 */
record PortAdmission(EventPort port, List<Notice> notices) implements Outgoing {

    @Override
    public void write() {
        for (Notice notice : notices) {
            port.send(notice);
        }
    }

    @Override
    public List<Channel> channels() {
        return List.of();
    }

    @Override
    public void release() {
        // Notices hold no buffers.
    }
}
