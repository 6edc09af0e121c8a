package roomchat.core.dispatch;

import io.netty.channel.Channel;
import java.util.concurrent.Executor;
import roomchat.core.event.Notice;
import roomchat.core.room.MemberPort;

/**
 * A member reached through a Netty channel: notices are written to it as objects, which the
 * channel's own pipeline renders in the format it speaks. Made by {@link ExecutorDispatcher#portOf},
 * which delivers the member's rooms' events to the same channel.
 */
public final class ChannelPort implements MemberPort {

    private final Channel channel;
    private final LoopBatch.Intake intake;

    ChannelPort(Channel channel, LoopBatch.Intake intake) {
        this.channel = channel;
        this.intake = intake;
    }

    /** The channel the member is reached through. */
    public Channel channel() {
        return channel;
    }

    @Override
    public void deliver(Notice notice) {
        if (intake.takes(channel, 1)) {
            channel.writeAndFlush(notice, channel.voidPromise());
        }
    }

    @Override
    public boolean writable() {
        return channel.isWritable();
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    /** The channel of a member reached through one; null for any other port. */
    static Channel channelOf(MemberPort port) {
        return port instanceof ChannelPort channelPort ? channelPort.channel : null;
    }
}
