package roomchat.server.grpc;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import roomchat.v1.ChatGrpc;

/**
 * The gRPC door's standard health service ({@code grpc.health.v1.Health}, grpc-java's
 * {@link HealthStatusManager}), for load balancers and probes: {@code SERVING} while the server can
 * serve, {@code NOT_SERVING} while it can't (a cluster node whose Redis does not answer: what HTTP
 * {@code /healthz} says too) and for good once it is shutting down. The whole server ({@code ""})
 * and {@code roomchat.v1.Chat} always have the same status.
 *
 * <p>The server's health is a flag (the Redis link keeps it up to date), not an event, so it is
 * looked at every {@code --grpc-health-interval}: a {@code Watch} call hears of a change within that.
 *
 * <p><b>Threads:</b> the looks run on one event loop; {@link #stop} may be called from any thread, more than once.
 * {@link HealthStatusManager} locks itself, and once in its terminal state it ignores later looks.
 */
final class GrpcHealth {

    private final HealthStatusManager manager = new HealthStatusManager();
    private final BooleanSupplier serving;
    /** Only the looks' loop writes it; volatile for the first look, made on the starting thread. */
    private volatile ServingStatus last;
    private volatile ScheduledFuture<?> looks;
    /** Set by the first {@link #stop}: gRPC's manager logs a warning with a stack trace if told twice. */
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** {@code serving}: whether the server can serve now; asked on an event loop, so it must not block. */
    GrpcHealth(BooleanSupplier serving) {
        this.serving = serving;
        look();
    }

    /** The service to add to the gRPC server. */
    BindableService service() {
        return manager.getHealthService();
    }

    /** Looks at the server's health every {@code interval} on {@code loop}, from now until {@link #stop}. */
    void start(EventExecutor loop, Duration interval) {
        long nanos = interval.toNanos();
        looks = loop.scheduleAtFixedRate(this::look, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** {@code NOT_SERVING} for good (the server is shutting down): watchers are told at once. */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> scheduled = looks;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        manager.enterTerminalState();
    }

    private void look() {
        ServingStatus now = serving.getAsBoolean() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        if (now != last) {
            last = now;
            manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, now);
            manager.setStatus(ChatGrpc.SERVICE_NAME, now);
        }
    }
}
