package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import roomchat.v1.ChatGrpc;
import roomchat.v1.ClientMessage;
import roomchat.v1.RoomEvent;
import roomchat.v1.ServerEvent;

/**
 * A program on the gRPC door, through the stubs generated from chat.proto: it sends messages and
 * awaits the events it is sent, keeping those it passed by. Its events arrive on gRPC's threads and
 * are handed over through a queue, and so is how the call ended; the rest is the test's thread's.
 * A paused client ({@link #connectPaused}) asks gRPC for no events until {@link #resume}: like a
 * program that stopped reading, it leaves them to HTTP/2 flow control. Several clients may share one
 * HTTP/2 connection ({@link #on}); the test then closes the channel.
 */
final class GrpcClient implements AutoCloseable {

    private final ManagedChannel channel;
    /** Whether closing the client closes its channel: false when the channel is shared. */
    private final boolean ownsChannel;
    private final StreamObserver<ClientMessage> requests;
    private final BlockingQueue<ServerEvent> arrived = new LinkedBlockingQueue<>();
    private final List<ServerEvent> passed = new ArrayList<>();
    /** How the call ended: OK when the server completed it, else the status it failed with. */
    private final CompletableFuture<Status> ended = new CompletableFuture<>();
    /** The call's flow control, set before the call starts (on the test's thread). */
    private ClientCallStreamObserver<ClientMessage> call;

    private GrpcClient(ManagedChannel channel, boolean ownsChannel, boolean paused) {
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        requests = ChatGrpc.newStub(channel).session(new ClientResponseObserver<ClientMessage, ServerEvent>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<ClientMessage> requestStream) {
                call = requestStream;
                if (paused) {
                    requestStream.disableAutoRequestWithInitial(0);
                }
            }

            @Override
            public void onNext(ServerEvent event) {
                arrived.add(event);
            }

            @Override
            public void onError(Throwable failure) {
                ended.complete(Status.fromThrowable(failure));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
    }

    /** A session on the gRPC door at {@code server}. */
    static GrpcClient connect(InetSocketAddress server) {
        return new GrpcClient(channelTo(server), true, false);
    }

    /** A session at {@code server} that has claimed {@code name}: it is in the default room. */
    static GrpcClient login(InetSocketAddress server, String name) throws InterruptedException {
        GrpcClient client = connect(server);
        try {
            client.await(ServerEvent::hasNamePrompt);
            client.send(ClientMessage.newBuilder().setName(name).build());
            client.await(event -> event.hasNamed() && event.getNamed().getName().equals(name));
            return client;
        } catch (InterruptedException | RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** A session that reads nothing until {@link #resume}d. */
    static GrpcClient connectPaused(InetSocketAddress server) {
        return new GrpcClient(channelTo(server), true, true);
    }

    /** A session on {@code channel}, an HTTP/2 connection other sessions may share; closing it is the caller's. */
    static GrpcClient on(ManagedChannel channel) {
        return new GrpcClient(channel, false, false);
    }

    /** A plaintext channel to the gRPC door at {@code server}. */
    static ManagedChannel channelTo(InetSocketAddress server) {
        return NettyChannelBuilder.forAddress(server).usePlaintext().build();
    }

    /** Ends the client's side of the call (a half-close), as a program that is done would. */
    void done() {
        requests.onCompleted();
    }

    /** A paused client starts reading again, everything from now on. */
    void resume() {
        call.request(Integer.MAX_VALUE);
    }

    /** How the call ended (OK: completed by the server); fails if it has not within {@link LineClient#TIMEOUT}. */
    Status awaitEnd() throws InterruptedException {
        try {
            return ended.get(LineClient.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the call did not end within " + LineClient.TIMEOUT, e);
        }
    }

    /** Whether the call has ended, as far as the client knows now. */
    boolean ended() {
        return ended.isDone();
    }

    void send(ClientMessage message) {
        requests.onNext(message);
    }

    /** The first event from now on that {@code wanted} matches; fails after {@link LineClient#TIMEOUT}. */
    ServerEvent await(Predicate<ServerEvent> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + LineClient.TIMEOUT.toNanos();
        while (true) {
            ServerEvent event = arrived.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no such event within " + LineClient.TIMEOUT + "; passed: " + passed);
            }
            passed.add(event);
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** The next event, whatever it is; fails if none comes within {@link LineClient#TIMEOUT}. */
    ServerEvent next() throws InterruptedException {
        return await(event -> true);
    }

    /** The first event of {@code kind} from now on; fails after {@link LineClient#TIMEOUT}. */
    ServerEvent await(ServerEvent.KindCase kind) throws InterruptedException {
        return await(event -> event.getKindCase() == kind);
    }

    /** The first room event of {@code what} from now on; fails after {@link LineClient#TIMEOUT}. */
    RoomEvent awaitRoomEvent(RoomEvent.WhatCase what) throws InterruptedException {
        return await(event -> event.hasRoomEvent() && event.getRoomEvent().getWhatCase() == what).getRoomEvent();
    }

    /** The text of the next typed error from now on; fails after {@link LineClient#TIMEOUT}. */
    String awaitError() throws InterruptedException {
        return await(ServerEvent.KindCase.ERROR).getError().getText();
    }

    /**
     * Checks every room event that has arrived so far, live or in a history: each names its room,
     * has a time and a sequence number, and the numbers increase in each room in the order they came,
     * from each entry into it (a room entered again replays its history, older than what came before).
     */
    void assertEachRoomInOrder() {
        Map<String, Long> lastSeq = new HashMap<>();
        for (ServerEvent event : drained()) {
            if (event.hasEntered()) {
                lastSeq.remove(event.getEntered().getRoom());
            }
            List<RoomEvent> events = event.hasHistory() ? event.getHistory().getEventsList()
                    : event.hasRoomEvent() ? List.of(event.getRoomEvent()) : List.of();
            for (RoomEvent roomEvent : events) {
                assertThat(roomEvent.getRoom()).as("the room of %s", roomEvent).isNotEmpty();
                assertThat(roomEvent.getTime().getSeconds()).as("the time of %s", roomEvent).isPositive();
                long previous = lastSeq.getOrDefault(roomEvent.getRoom(), 0L);
                assertThat(roomEvent.getSeq()).as("the seq of %s after %d in its room", roomEvent, previous)
                        .isGreaterThan(previous);
                lastSeq.put(roomEvent.getRoom(), roomEvent.getSeq());
            }
        }
    }

    /** Every event that has arrived so far: those awaited past, then those still queued (now passed too). */
    List<ServerEvent> drained() {
        arrived.drainTo(passed);
        return passed;
    }

    /** Every event awaited past so far. */
    List<ServerEvent> passed() {
        return passed;
    }

    @Override
    public void close() throws InterruptedException {
        if (!ownsChannel) {
            return;
        }
        channel.shutdownNow().awaitTermination(LineClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
