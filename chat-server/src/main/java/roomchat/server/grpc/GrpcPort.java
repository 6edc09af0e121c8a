package roomchat.server.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.dispatch.EventPort;
import roomchat.core.dispatch.EventRun;
import roomchat.v1.ServerEvent;

/**
 * A member reached through a gRPC stream: notices and its rooms' events are turned into
 * {@link ServerEvent}s and sent on the stream, always on the event loop that serves the call (gRPC's
 * observers are not thread-safe; the server runs the calls on their transport's loop).
 *
 * <p><b>Output cap:</b> like a slow nc user's channel, a stream whose transport is not ready
 * ({@link ServerCallStreamObserver#isReady()}: more than {@code --max-pending-output} bytes queued
 * in gRPC and not yet on the wire, as for an nc user's channel; the client's flow-control window
 * holds them back when it does not read) is sent no more room events: the dispatcher asks
 * {@link #writable()} on the loop just before each run, which is dropped whole and counted when it
 * says no, so what waits for one client is bounded by that cap plus one run.
 *
 * <p><b>Encoding:</b> a room's run is turned into {@link ServerEvent}s once, by the first of the
 * room's gRPC members to send it ({@link EventRun#encoded}); the others send the same messages.
 * If the stream stays not ready for {@code --slow-consumer-timeout} ({@link StallWatch}), the session
 * is told ({@link #onStalled}) and gives the call up, as a slow nc user is disconnected.
 *
 * <p><b>Threads:</b> {@link #deliver} may be called from any thread and only hands work to the loop;
 * {@link #writable()}, the sends, {@link #finish}, {@link #fail} and {@link #close} run on the loop,
 * as does gRPC's on-ready handler. {@code ended} is written on the loop and read anywhere.
 */
final class GrpcPort implements EventPort {

    /** A room's run as the messages of this door: shared by every gRPC member through {@link EventRun#encoded}. */
    private static final Function<List<RoomEvent>, List<ServerEvent>> ENCODER =
            events -> events.stream().map(ProtoEvents::of).toList();

    private final ServerCallStreamObserver<ServerEvent> out;
    private final EventLoop loop;
    private final StallWatch stalls;
    /** What the session does when the client has not read for the slow-consumer timeout; on the loop. */
    private Runnable stalled = () -> { };
    private volatile boolean ended;

    /** Call while the call starts (gRPC takes the on-ready handler only then), on its loop. */
    GrpcPort(ServerCallStreamObserver<ServerEvent> out, EventLoop loop, int maxPendingBytes, Duration slowConsumerTimeout) {
        this.out = out;
        // The output cap of an nc user's channel (--max-pending-output), not gRPC's 32 KiB: at that, one
        // loop turn's runs to a member who reads at full speed would already make it "not ready".
        out.setOnReadyThreshold(maxPendingBytes);
        this.loop = loop;
        this.stalls = new StallWatch(loop, slowConsumerTimeout);
        out.setOnReadyHandler(stalls::ready);
    }

    /** {@code action} runs (on the loop) if the stream stays not ready for the slow-consumer timeout. */
    void onStalled(Runnable action) {
        this.stalled = action;
    }

    @Override
    public void deliver(Notice notice) {
        if (!ended && out.isReady()) {
            loop.execute(() -> send(notice));
        }
    }

    @Override
    public void send(EventRun run) {
        for (ServerEvent event : run.encoded(ENCODER)) {
            send(event);
        }
    }

    @Override
    public boolean writable() {
        return !ended && out.isReady();
    }

    @Override
    public Executor executor() {
        return loop;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    /**
     * Sends {@code notice} now, ready or not: an answer to what the member itself sent, or what it
     * hears on entering a room. On the loop.
     */
    @Override
    public void send(Notice notice) {
        send(ProtoEvents.of(notice));
    }

    private void send(ServerEvent event) {
        // A cancelled call takes sends without a word (ChatDoor sets a cancel handler): skip them.
        if (ended || out.isCancelled()) {
            return;
        }
        try {
            out.onNext(event);
        } catch (RuntimeException cancelled) {
            // The call ended under us; its onError (a leave) follows.
            ended = true;
            stalls.stop();
            return;
        }
        if (!out.isReady()) {
            stalls.notReady(this::stalledTooLong);
        }
    }

    private void stalledTooLong() {
        if (!ended && !out.isReady()) {
            stalled.run();
        }
    }

    /** Ends the call from the server's side after what was sent. On the loop; once. */
    void finish() {
        if (!ended) {
            ended = true;
            stalls.stop();
            out.onCompleted();
        }
    }

    /**
     * Ends the call from the server's side with {@code status}, after what was sent (gRPC's trailers
     * follow the messages queued before them). On the loop; once.
     */
    void fail(Status status) {
        if (!ended) {
            ended = true;
            stalls.stop();
            out.onError(status.asRuntimeException());
        }
    }

    /** The call ended from the client's side (cancelled, or failed): nothing more is sent. On the loop. */
    void close() {
        ended = true;
        stalls.stop();
    }
}
