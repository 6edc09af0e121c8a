package roomchat.server.grpc;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC counterpart of the slow-consumer watch of channels: a call whose stream stays not ready
 * ({@code ServerCallStreamObserver.isReady()} false: the client stopped reading and HTTP/2 flow
 * control holds what was sent) for {@code --slow-consumer-timeout} is given up. Meanwhile the
 * dispatcher drops its room events (counted). One scheduled task while the stream is not ready,
 * none otherwise.
 *
 * <p>A stream only stops being ready because something was sent on it, so {@link GrpcPort} tells
 * this watch after each send that left it not ready ({@link #notReady}); gRPC's on-ready handler
 * tells it when the stream is ready again ({@link #ready}), which stands the disconnect down.
 *
 * <p><b>Thread:</b> confined to the call's event loop: the sends, gRPC's on-ready handler (the
 * server runs calls on their transport's loop) and the task itself all run there.
 */
final class StallWatch {

    private final EventExecutor loop;
    private final long timeoutNanos;
    private ScheduledFuture<?> disconnect;

    StallWatch(EventExecutor loop, Duration timeout) {
        this.loop = loop;
        this.timeoutNanos = timeout.toNanos();
    }

    /** The stream is not ready after a send: unless it becomes ready within the timeout, {@code stalled} runs. */
    void notReady(Runnable stalled) {
        if (disconnect == null) {
            disconnect = loop.schedule(() -> {
                disconnect = null;
                stalled.run();
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The stream is ready again: the client reads. */
    void ready() {
        stop();
    }

    /** The call is over: nothing is left to give up. */
    void stop() {
        if (disconnect != null) {
            disconnect.cancel(false);
            disconnect = null;
        }
    }
}
