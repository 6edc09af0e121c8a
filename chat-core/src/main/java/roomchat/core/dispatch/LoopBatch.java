package roomchat.core.dispatch;

import io.netty.channel.Channel;
import java.util.List;

/**
 * One run of a room's lines for the channels one event loop owns: each channel gets the lines meant
 * for it as slices of the run's one buffer. Written by that loop's {@link LoopOutbox}, which flushes
 * each channel once after all the runs it took in one turn. Holds one reference to the run, given
 * back by {@link #release}.
 */
final class LoopBatch implements Outgoing {

    /** Says whether a channel takes so many more lines now, and counts them as delivered or dropped. */
    @FunctionalInterface
    interface Intake {
        boolean takes(Channel channel, int lines);
    }

    private final List<Channel> channels;
    private final EncodedRun run;
    private final Intake intake;

    LoopBatch(List<Channel> channels, EncodedRun run, Intake intake) {
        this.channels = channels;
        this.run = run;
        this.intake = intake;
    }

    /** The channels this run is for. */
    @Override
    public List<Channel> channels() {
        return channels;
    }

    /** Writes (without flushing) the lines each of its channels should get; on the channels' event loop. */
    @Override
    public void write() {
        for (Channel channel : channels) {
            write(channel);
        }
    }

    /** Gives back the reference to the run. */
    @Override
    public void release() {
        run.release();
    }

    private void write(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        Format format = Format.of(channel);
        int lines = run.linesFor(channel, format);
        if (lines > 0 && intake.takes(channel, lines)) {
            run.writeTo(channel, format);
        }
    }
}
