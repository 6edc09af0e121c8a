package roomchat.core.dispatch;

import io.netty.channel.Channel;
import java.util.List;

/**
 * One run of a room's lines for the channels one event loop owns, written by that loop in one task:
 * each channel gets the lines meant for it as slices of the run's one buffer, then one flush.
 * Writing in the loop costs no task, no promise and no lock per recipient. The task holds one
 * reference to the run and gives it back when it has run; whoever fails to hand it to its loop gives
 * it back instead.
 */
final class LoopBatch implements Runnable {

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

    @Override
    public void run() {
        try {
            for (Channel channel : channels) {
                write(channel);
            }
        } finally {
            run.release();
        }
    }

    private void write(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        Format format = Format.of(channel);
        int lines = run.linesFor(channel, format);
        if (lines > 0 && intake.takes(channel, lines)) {
            run.writeTo(channel, format);
            channel.flush();
        }
    }
}
