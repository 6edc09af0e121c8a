package roomchat.core.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelMatcher;
import java.util.List;
import java.util.function.Predicate;

/**
 * Some of a room's lines for the channels one event loop owns, written by that loop in one task:
 * each line that a channel should get is written to it (a retained duplicate of the line's one
 * buffer), then each channel is flushed once. Writing in the loop costs no task, no promise and no
 * lock per recipient. The task holds one reference to each buffer and gives it back when it has run;
 * whoever fails to hand it to its loop gives them back instead.
 */
final class LoopBatch implements Runnable {

    private final List<Channel> channels;
    private final ByteBuf[] lines;
    private final ChannelMatcher[] recipients;
    private final Predicate<Channel> takesMore;

    LoopBatch(List<Channel> channels, ByteBuf[] lines, ChannelMatcher[] recipients, Predicate<Channel> takesMore) {
        this.channels = channels;
        this.lines = lines;
        this.recipients = recipients;
        this.takesMore = takesMore;
    }

    @Override
    public void run() {
        try {
            for (Channel channel : channels) {
                write(channel);
            }
        } finally {
            for (ByteBuf line : lines) {
                line.release();
            }
        }
    }

    private void write(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        boolean wrote = false;
        for (int i = 0; i < lines.length; i++) {
            if (recipients[i].matches(channel) && takesMore.test(channel)) {
                channel.write(lines[i].retainedDuplicate(), channel.voidPromise());
                wrote = true;
            }
        }
        if (wrote) {
            channel.flush();
        }
    }
}
