package roomchat.bench;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one client's benchmark lines: as fast as its window of lines on their way allows, or at a
 * fixed rate. The window keeps the server's queues short, so that the server is measured rather than
 * its buffers. Its {@link Dialect} wraps each line for the wire (a chat line, or a Redis PUBLISH).
 * <b>Threads:</b> runs on its channel's event loop.
 */
final class Sender {

    private final Channel channel;
    private final Dialect dialect;
    private final int room;
    private final int id;
    private final int window;
    private int phase;
    private int lines;
    private int next;
    private int inFlight;
    private boolean windowed;
    private ScheduledFuture<?> schedule;

    /** Sender {@code id} of the run, writing into {@code room} on {@code channel}. */
    Sender(Channel channel, Dialect dialect, int room, int id, int window) {
        this.channel = channel;
        this.dialect = dialect;
        this.room = room;
        this.id = id;
        this.window = window;
    }

    /**
     * Starts a phase of {@code count} lines, windowed when {@code fixedRate} is null, else on its
     * instants (its first delay measured when the event loop picks the start up, so that senders
     * on different loops keep the instants they were given).
     */
    void start(int newPhase, int count, SendSchedule fixedRate) {
        channel.eventLoop().execute(() -> {
            phase = newPhase;
            lines = count;
            next = 0;
            inFlight = 0;
            windowed = fixedRate == null;
            if (!windowed) {
                schedule = channel.eventLoop().scheduleAtFixedRate(this::sendOneOnSchedule,
                        fixedRate.initialDelay(System.nanoTime()), fixedRate.periodNanos(), TimeUnit.NANOSECONDS);
            } else {
                pump();
            }
        });
    }

    /** Its room's probe saw one of this sender's lines: one more may go. Any thread. */
    void seen() {
        channel.eventLoop().execute(() -> {
            inFlight--;
            if (windowed) {
                pump();
            }
        });
    }

    private void pump() {
        boolean wrote = false;
        while (inFlight < window && next < lines) {
            write();
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void sendOneOnSchedule() {
        if (next < lines) {
            write();
            channel.flush();
        } else {
            schedule.cancel(false);
        }
    }

    private void write() {
        channel.write(dialect.message(channel, room, "b " + phase + " " + id + " " + next++ + " " + System.nanoTime()));
        inFlight++;
    }
}
