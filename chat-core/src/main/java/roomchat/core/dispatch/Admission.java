package roomchat.core.dispatch;

import io.netty.channel.Channel;
import java.util.List;

/**
 * What one member hears on entering a room, before the room's live lines: the notices of its move,
 * then the room's history up to the last line delivered. Handed to the member's loop through the
 * same {@link LoopOutbox} as the room's runs, so that nothing of the room overtakes it.
 *
 * @param messages notices and the history, as the channel's pipeline renders them
 */
record Admission(Channel channel, List<Object> messages) implements Outgoing {

    @Override
    public void write() {
        for (Object message : messages) {
            channel.write(message, channel.voidPromise());
        }
    }

    @Override
    public List<Channel> channels() {
        return List.of(channel);
    }

    @Override
    public void release() {
        // Notices hold no buffers.
    }
}
