package roomchat.server.session;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The idle limit of one event loop's chatting connections, kept by one scheduled task for all of
 * them rather than a task each (64 bytes on every idle connection). The sessions form a list in
 * the order of their last input, oldest first: an input moves its session to the end (a few
 * pointer writes, nothing allocated), so the first is always the next that could go idle. The task
 * is scheduled for the moment the first would have been idle for the limit; when it runs it closes
 * every session idle that long, then schedules itself for the new first. If the first had input in
 * the meantime, the task finds it no longer first and simply schedules itself again, later: it is
 * never rescheduled per line, and a limit still fires that long after a session's last line.
 *
 * <p><b>Thread:</b> confined to its event loop, like the channels of all its sessions.
 */
final class IdleWatch implements Runnable {

    private final EventExecutor loop;
    private final long limitNanos;
    /** The session with the oldest last input, and the one with the newest; null when there are none. */
    private ChatSessionHandler first;
    private ChatSessionHandler last;
    /** The task's next run; null while there are no sessions to watch. */
    private ScheduledFuture<?> check;

    IdleWatch(EventExecutor loop, long limitNanos) {
        this.loop = loop;
        this.limitNanos = limitNanos;
    }

    /** {@code session} starts chatting: its clock starts now. */
    void start(ChatSessionHandler session) {
        session.lastInputNanos = now();
        append(session);
        if (check == null) {
            schedule(limitNanos);
        }
    }

    /** {@code session} had an input: its clock starts again. */
    void input(ChatSessionHandler session) {
        session.lastInputNanos = now();
        if (session != last && isWatched(session)) {
            unlink(session);
            append(session);
        }
    }

    /** {@code session} is over (closed, or saying goodbye): it is no longer watched. */
    void stop(ChatSessionHandler session) {
        if (!isWatched(session)) {
            return;
        }
        unlink(session);
        if (first == null && check != null) {
            check.cancel(false);
            check = null;
        }
    }

    /** Closes the sessions idle for the limit, and schedules the next check. Runs on the loop. */
    @Override
    public void run() {
        check = null;
        long now = now();
        while (first != null && now - first.lastInputNanos >= limitNanos) {
            ChatSessionHandler idle = first;
            unlink(idle);
            idle.idleTooLong();
        }
        if (first != null) {
            schedule(first.lastInputNanos + limitNanos - now);
        }
    }

    private void schedule(long delayNanos) {
        check = loop.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
    }

    private boolean isWatched(ChatSessionHandler session) {
        return session == first || session.idlePrevious != null;
    }

    private void append(ChatSessionHandler session) {
        session.idlePrevious = last;
        session.idleNext = null;
        if (last == null) {
            first = session;
        } else {
            last.idleNext = session;
        }
        last = session;
    }

    private void unlink(ChatSessionHandler session) {
        ChatSessionHandler previous = session.idlePrevious;
        ChatSessionHandler next = session.idleNext;
        if (previous == null) {
            first = next;
        } else {
            previous.idleNext = next;
        }
        if (next == null) {
            last = previous;
        } else {
            next.idlePrevious = previous;
        }
        session.idlePrevious = null;
        session.idleNext = null;
    }

    private long now() {
        return loop.ticker().nanoTime();
    }
}
