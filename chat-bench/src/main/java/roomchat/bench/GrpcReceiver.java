package roomchat.bench;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import roomchat.v1.ChangeRoom;
import roomchat.v1.ChatGrpc;
import roomchat.v1.ClientMessage;
import roomchat.v1.NewRoom;
import roomchat.v1.RoomEvent;
import roomchat.v1.ServerEvent;

/**
 * One listener on the gRPC door: one {@code Chat.Session} call that claims its name with a typed
 * {@code name}, enters its room with a typed {@code new_room} or {@code change_room}, and hands the
 * benchmark line of every typed {@code said} event it is sent to its {@link BenchClient.Receiver},
 * as a TCP client hands over the lines it reads: the counting, order checks and latencies are the
 * load run's, the same for both doors. It reads as gRPC does by default: every event, paced by the
 * HTTP/2 flow-control window.
 *
 * <p><b>Threads:</b> the call's channel runs on the tool's own event loops with a direct executor, so
 * gRPC calls this observer on its HTTP/2 connection's event loop, one loop for the call's life (as a
 * TCP client's lines come on its channel's loop). {@link #join} runs on the measuring thread: it
 * writes the call's two messages and waits for the futures the loop completes.
 */
final class GrpcReceiver implements StreamObserver<ServerEvent> {

    /** What a benchmark line's text starts with: {@code b <phase> <sender> <seq> <sentNanos>}. */
    private static final String BENCH_LINE = "b ";

    private final Dialect.Member member;
    private final String room;
    private final BenchClient.Receiver receiver;
    /** Whether the tool is closing its calls: their ends are then expected, not reported. */
    private final BooleanSupplier closing;
    private final CompletableFuture<Void> named = new CompletableFuture<>();
    private final CompletableFuture<Void> entered = new CompletableFuture<>();

    private GrpcReceiver(Dialect.Member member, BenchClient.Receiver receiver, BooleanSupplier closing) {
        this.member = member;
        this.room = "bench" + member.room();
        this.receiver = receiver;
        this.closing = closing;
    }

    /**
     * Starts {@code member}'s call on {@code channel} and returns once the member is in its room, so
     * that every benchmark line of the room from now on reaches {@code receiver}. Fails if the server
     * answers with an error, ends the call, or takes longer than {@link LoadRun#SETUP_SECONDS} a step.
     */
    static void join(ManagedChannel channel, Dialect.Member member, BenchClient.Receiver receiver,
                     BooleanSupplier closing) throws Exception {
        GrpcReceiver call = new GrpcReceiver(member, receiver, closing);
        StreamObserver<ClientMessage> requests = ChatGrpc.newStub(channel).session(call);
        requests.onNext(ClientMessage.newBuilder().setName(member.name()).build());
        call.await(call.named, "its name");
        requests.onNext(member.creator()
                ? ClientMessage.newBuilder().setNewRoom(NewRoom.newBuilder().setRoom(call.room)).build()
                : ClientMessage.newBuilder().setChangeRoom(ChangeRoom.newBuilder().setRoom(call.room)).build());
        call.await(call.entered, "room " + call.room);
    }

    private void await(CompletableFuture<Void> step, String what) throws Exception {
        try {
            step.get(LoadRun.SETUP_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(member.name() + " (gRPC): no answer for " + what + " within "
                    + LoadRun.SETUP_SECONDS + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(member.name() + " (gRPC): could not get " + what + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void onNext(ServerEvent event) {
        switch (event.getKindCase()) {
            case ROOM_EVENT -> roomEvent(event.getRoomEvent());
            case NAMED -> named.complete(null);
            case ENTERED -> {
                if (event.getEntered().getRoom().equals(room)) {
                    entered.complete(null);
                }
            }
            case ERROR -> failStep(new IllegalStateException("the server said: " + event.getError().getText()));
            default -> {
                // Greetings, notices and the goodbye: nothing the measurement needs.
            }
        }
    }

    private void roomEvent(RoomEvent event) {
        if (event.getWhatCase() == RoomEvent.WhatCase.SAID) {
            String text = event.getSaid().getText();
            if (text.startsWith(BENCH_LINE)) {
                receiver.parse(member.index(), text, BENCH_LINE.length());
            }
        }
    }

    /** The step under way (the name, else the room) fails; after both, nothing is waiting. */
    private void failStep(Throwable failure) {
        if (!named.completeExceptionally(failure)) {
            entered.completeExceptionally(failure);
        }
    }

    @Override
    public void onError(Throwable failure) {
        ended(Status.fromThrowable(failure).toString());
    }

    @Override
    public void onCompleted() {
        ended("completed by the server");
    }

    private void ended(String how) {
        IllegalStateException failure = new IllegalStateException("the call ended: " + how);
        // False once the member is in its room: a failure before that is join's to report.
        boolean joining = entered.completeExceptionally(failure);
        named.completeExceptionally(failure);
        if (!joining && !closing.getAsBoolean()) {
            // A member gone mid-run (a slow consumer, say) shows as loss; this says why.
            System.err.println(member.name() + " (gRPC): " + failure.getMessage());
        }
    }
}
