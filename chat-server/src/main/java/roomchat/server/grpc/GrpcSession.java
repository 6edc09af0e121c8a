package roomchat.server.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import roomchat.core.chat.ChatService;
import roomchat.core.chat.NameStep;
import roomchat.core.chat.Reply;
import roomchat.core.command.Input;
import roomchat.core.event.LeaveReason;
import roomchat.core.event.Notice;
import roomchat.core.limit.LineRateLimit;
import roomchat.core.name.NameRules;
import roomchat.core.room.Member;
import roomchat.server.connection.CallTicket;
import roomchat.server.connection.CloseReason;
import roomchat.server.connection.LimitNotices;
import roomchat.server.session.LeaveReasons;
import roomchat.server.session.TimeoutNotices;
import roomchat.v1.ClientMessage;

/**
 * One gRPC {@code Session} call: the member's messages in, the answers out. Before a name is
 * chosen each message goes to {@link ChatService#beforeName}, after that to {@link ChatService#handle};
 * answers are written in the order the messages came, whenever each is ready. Cancelling the call,
 * or the client ending its side, is leaving. The limits are those of every door: the line and rate
 * limits per message, the name deadline and the idle limit ({@link SessionClock}); a call that runs
 * out of time is told why in a typed goodbye, in the words nc users get, and ended. Why the call
 * ended is recorded on its {@link CallTicket} for the disconnect counts, as a channel's close reason is.
 *
 * <p><b>Threads:</b> gRPC calls this observer on the call's event loop (the server runs calls
 * directly on their transport's loop); answers that come later (a cluster's Redis) are written on
 * that loop too. So every field is confined to the loop, and nothing here blocks it; the server's
 * goodbyes ({@link #endFromServer}) hop to the loop.
 */
final class GrpcSession implements StreamObserver<ClientMessage> {

    /** How a call given up for not reading ends: the status, and why in the words of the disconnect log. */
    static final Status SLOW_CONSUMER = Status.RESOURCE_EXHAUSTED.withDescription(CloseReason.SLOW_CONSUMER.toString());

    private final ChatService service;
    private final GrpcPort port;
    private final EventExecutor loop;
    private final InetAddress address;
    private final CallTicket ticket;
    private final int maxMessageBytes;
    /** The flood rule; null when there is none ({@code --rate 0}). */
    private final LineRateLimit rateLimit;
    private final SessionClock clock;
    private final Duration nameLimit;
    private final Duration idleLimit;
    /** The member once a name is claimed; null before. */
    private Member member;
    /** Whether a name claim is under way: messages meanwhile are refused, as it decides what they mean. */
    private boolean claiming;
    /** Whether the call has ended, from either side. */
    private boolean ended;
    /** The last answer written, or to be written: the next one is written after it. */
    private CompletionStage<Void> answered = CompletableFuture.completedFuture(null);

    GrpcSession(ChatService service, GrpcPort port, EventExecutor loop, InetAddress address, CallTicket ticket,
            int maxMessageBytes, LineRateLimit rateLimit, Duration nameLimit, Duration idleLimit) {
        this.service = service;
        this.port = port;
        this.loop = loop;
        this.address = address;
        this.ticket = ticket;
        this.maxMessageBytes = maxMessageBytes;
        this.rateLimit = rateLimit;
        this.nameLimit = nameLimit;
        this.idleLimit = idleLimit;
        this.clock = new SessionClock(loop, nameLimit, idleLimit);
    }

    /** Greets the client (how many are online, and what a name may be); the name deadline starts now. */
    void start() {
        port.onStalled(this::stalled);
        write(service.greeting());
        clock.start(() -> timedOut(TimeoutNotices.noName(nameLimit), CloseReason.NO_NAME));
    }

    @Override
    public void onNext(ClientMessage message) {
        if (ended || !withinLimits(message)) {
            return;
        }
        Optional<Input> input = ProtoInputs.of(message);
        if (input.isEmpty()) {
            // A blank line means nothing, as on nc; but a typed name that is empty is a claim of no name,
            // and a program left without an answer would wait until the name deadline.
            if (message.getKindCase() == ClientMessage.KindCase.NAME && member == null && !claiming) {
                port.send(new Notice.Error("invalid name: names are " + NameRules.SCREEN_NAME_RULE));
            }
            return;
        }
        if (member != null) {
            // Input for the idle limit is what passed the limits, as on the other doors.
            clock.input();
            if (message.getKindCase() == ClientMessage.KindCase.NAME) {
                port.send(new Notice.Error("you have a name already; use nick to change it"));
                return;
            }
            CompletionStage<Reply> reply = service.handle(member, input.get());
            inOrder(() -> reply, this::write);
        } else if (claiming) {
            port.send(new Notice.Error("wait for the answer to your name"));
        } else {
            claiming = true;
            inOrder(() -> service.beforeName(input.get(), port, address), this::named);
        }
    }

    /** The client ended its side: a goodbye, as {@code :e} would. */
    @Override
    public void onCompleted() {
        end(CloseReason.QUIT);
        port.finish();
    }

    /** The call was cancelled or broke: a leave like a closed connection's. */
    @Override
    public void onError(Throwable failure) {
        end(CloseReason.CLOSED_BY_CLIENT);
        port.close();
    }

    /** The line limit and the rate limit, as every door applies them; false when the message is dropped. */
    private boolean withinLimits(ClientMessage message) {
        if (message.getSerializedSize() > maxMessageBytes) {
            port.send(LimitNotices.tooLong(maxMessageBytes));
            return false;
        }
        if (rateLimit == null) {
            return true;
        }
        switch (rateLimit.onLine(System.nanoTime())) {
            case ACCEPT:
                return true;
            case DROP_AND_WARN:
                port.send(LimitNotices.SLOW_DOWN);
                return false;
            case DISCONNECT:
                closeWith(new Notice.Goodbye(LimitNotices.FLOODING), CloseReason.FLOODING);
                return false;
            default:
                return false;
        }
    }

    private void named(NameStep step) {
        claiming = false;
        Optional<Member> claimed = step.member();
        if (ended) {
            // The call ended while the name was being claimed: the member leaves at once.
            claimed.ifPresent(gone -> service.leave(gone, LeaveReason.CONNECTION_LOST));
            return;
        }
        member = claimed.orElse(null);
        if (member != null) {
            ticket.named(member);
            clock.named(() -> timedOut(TimeoutNotices.idle(idleLimit), CloseReason.IDLE));
        }
        write(step.reply());
    }

    /**
     * A deadline passed ({@link SessionClock}, on the loop): the goodbye, then the end of the call.
     * Before a name nobody leaves (a claim still under way leaves when its answer comes, see {@link #named}).
     */
    private void timedOut(Notice goodbye, CloseReason why) {
        if (!ended) {
            closeWith(goodbye, why);
        }
    }

    /**
     * The client has not read for the slow-consumer timeout: its member leaves as a slow nc user's
     * does, and the call ends with a status that says why. No goodbye event: it would only wait
     * behind the events the client is not reading (a client that reads again finds them, then the status).
     */
    private void stalled() {
        if (!ended) {
            end(CloseReason.SLOW_CONSUMER);
            port.fail(SLOW_CONSUMER);
        }
    }

    /**
     * The server ends the call (it shuts down, or the cluster let this node's members go): unless it
     * has ended already, or {@code namedOnly} and it has no member, {@code goodbye} is its last event.
     * Any thread: the reason is recorded at once (a shutdown's cancel may come before the loop gets
     * to it), the rest is done on the loop.
     */
    void endFromServer(Notice goodbye, CloseReason why, boolean namedOnly) {
        if (!namedOnly) {
            ticket.closing(why);
        }
        loop.execute(() -> {
            if (!ended && (!namedOnly || member != null)) {
                closeWith(goodbye, why);
            }
        });
    }

    /** Ends the call from the server's side: {@code lastWord} is the last event the client gets. */
    private void closeWith(Notice lastWord, CloseReason why) {
        port.send(lastWord);
        end(why);
        port.finish();
    }

    /**
     * Runs {@code then} with the answer {@code next} gives, once every answer before it is written.
     * An answer that is ready at once, with none before it waiting, is written now, in this turn of
     * the loop, as the nc door writes it: the room's events for the member (the history of a room it
     * just entered, its first lines) are handed to the loop as tasks of their own, so they can't come
     * before it. Written in a later task instead, the answer could come after them (a history before
     * the {@code entered} it belongs after). {@code next} is called at once, or once the answers
     * before it are written. On the loop.
     */
    private <T> void inOrder(Supplier<CompletionStage<T>> next, Consumer<T> then) {
        CompletableFuture<Void> before = answered.toCompletableFuture();
        if (before.isDone() && !before.isCompletedExceptionally()) {
            CompletableFuture<T> answer = next.get().toCompletableFuture();
            if (answer.isDone() && !answer.isCompletedExceptionally()) {
                then.accept(answer.join());
            } else {
                answered = answer.thenAcceptAsync(then, loop);
            }
            return;
        }
        answered = answered.thenCompose(done -> next.get()).thenAcceptAsync(then, loop);
    }

    private void write(Reply reply) {
        for (Notice notice : reply.notices()) {
            port.send(notice);
        }
        reply.then().run();
        if (reply.close()) {
            // The service made the leave itself (:e); only the call is left to end.
            ticket.closing(CloseReason.QUIT);
            member = null;
            ended = true;
            clock.stop();
            port.finish();
        }
    }

    private void end(CloseReason why) {
        if (ended) {
            return;
        }
        ended = true;
        ticket.closing(why);
        clock.stop();
        if (member != null) {
            service.leave(member, LeaveReasons.of(why));
            member = null;
        }
    }
}
