package roomchat.server.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.concurrent.Executor;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.EventPort;
import roomchat.v1.ServerEvent;

/**
 * A member reached through a gRPC stream: notices and its rooms' events are turned into
 * {@link ServerEvent}s and sent on the stream, always on the event loop that serves the call (gRPC's
 * observers are not thread-safe; the server runs the calls on their transport's loop).
 *
 * <p><b>Output cap:</b> like a slow nc user's channel, a stream whose transport is not ready
 * ({@link ServerCallStreamObserver#isReady()}: gRPC's own buffer over its threshold, or the
 * client's flow-control window used up) is handed no more room events: runs are dropped whole and
 * counted by the dispatcher, so what waits for one client is bounded by gRPC's threshold plus one run.
 *
 * <p><b>Threads:</b> {@link #deliver} may be called from any thread and only hands work to the loop;
 * {@link #send}, {@link #finish} and {@link #close} run on the loop. {@code ended} is written on the
 * loop and read anywhere.
 */
final class GrpcPort implements EventPort {

    private final ServerCallStreamObserver<ServerEvent> out;
    private final EventExecutor loop;
    private volatile boolean ended;

    GrpcPort(ServerCallStreamObserver<ServerEvent> out, EventExecutor loop) {
        this.out = out;
        this.loop = loop;
    }

    @Override
    public void deliver(Notice notice) {
        if (!ended && out.isReady()) {
            loop.execute(() -> send(notice));
        }
    }

    @Override
    public boolean deliver(List<RoomEvent> run) {
        if (ended || !out.isReady()) {
            return false;
        }
        loop.execute(() -> {
            for (RoomEvent event : run) {
                send(ProtoEvents.of(event));
            }
        });
        return true;
    }

    @Override
    public boolean writable() {
        return !ended && out.isReady();
    }

    @Override
    public Executor executor() {
        return loop;
    }

    /** Sends {@code notice} now, ready or not: an answer to what the member itself sent. On the loop. */
    void send(Notice notice) {
        send(ProtoEvents.of(notice));
    }

    private void send(ServerEvent event) {
        if (ended) {
            return;
        }
        try {
            out.onNext(event);
        } catch (RuntimeException cancelled) {
            // The call was cancelled under us; its onError (a leave) follows.
            ended = true;
        }
    }

    /** Ends the call from the server's side after what was sent. On the loop; once. */
    void finish() {
        if (!ended) {
            ended = true;
            out.onCompleted();
        }
    }

    /** The call ended from the client's side (cancelled, or failed): nothing more is sent. On the loop. */
    void close() {
        ended = true;
    }
}
