package roomchat.server.grpc;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The two deadlines of one gRPC session, with the rules of the other doors: the <b>name
 * deadline</b> ({@code --name-timeout}) is one task scheduled when the call starts, which no message
 * puts off, cancelled when a name is claimed or the call ends; the <b>idle limit</b>
 * ({@code --idle-timeout}) runs from the claim, and each message that reaches the session starts it
 * again. Zero means no limit.
 *
 * <p>The idle limit is one task per session that is not rescheduled per message: it is scheduled for
 * the moment the session would have been idle for the limit since its last input; when it runs and
 * finds a later input, it schedules itself again for the rest. (nc sessions share one task per loop,
 * {@code IdleWatch}, to save bytes on tens of thousands of idle connections; a gRPC call already
 * costs kilobytes of HTTP/2 stream state, and programs are few, so a task each is kept simple.)
 *
 * <p><b>Thread:</b> confined to the call's event loop, where its tasks run too.
 */
final class SessionClock {

    private final EventExecutor loop;
    private final long nameNanos;
    private final long idleNanos;
    private ScheduledFuture<?> nameDeadline;
    private ScheduledFuture<?> idleCheck;
    private Runnable idleTooLong;
    /** When the last input came, by the loop's ticker; meaningful once named. */
    private long lastInputNanos;

    SessionClock(EventExecutor loop, Duration name, Duration idle) {
        this.loop = loop;
        this.nameNanos = name.toNanos();
        this.idleNanos = idle.toNanos();
    }

    /** The call started: {@code expired} runs when the name deadline passes, unless {@link #named} or {@link #stop} came first. */
    void start(Runnable expired) {
        if (nameNanos > 0) {
            nameDeadline = loop.schedule(expired, nameNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A name was claimed: the name deadline is over, and the idle clock starts; {@code idle} runs when it runs out. */
    void named(Runnable idle) {
        cancelNameDeadline();
        if (idleNanos > 0) {
            idleTooLong = idle;
            lastInputNanos = now();
            scheduleIdleCheck(idleNanos);
        }
    }

    /** A message reached the session: the idle clock starts again (nothing is rescheduled). */
    void input() {
        lastInputNanos = now();
    }

    /** The session is over: no deadline is left to fire. */
    void stop() {
        cancelNameDeadline();
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
        idleTooLong = null;
    }

    private void checkIdle() {
        idleCheck = null;
        if (idleTooLong == null) {
            return;
        }
        long idleFor = now() - lastInputNanos;
        if (idleFor >= idleNanos) {
            Runnable expired = idleTooLong;
            idleTooLong = null;
            expired.run();
        } else {
            scheduleIdleCheck(idleNanos - idleFor);
        }
    }

    private void scheduleIdleCheck(long delayNanos) {
        idleCheck = loop.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void cancelNameDeadline() {
        if (nameDeadline != null) {
            nameDeadline.cancel(false);
            nameDeadline = null;
        }
    }

    private long now() {
        return loop.ticker().nanoTime();
    }
}
