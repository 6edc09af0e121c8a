package roomchat.core.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.room.Delivery;
import roomchat.core.room.DeliveryQueue;
import roomchat.core.room.Member;
import roomchat.core.room.Room;
import roomchat.core.room.RoomHistory;
import roomchat.core.room.RoomMessage;
import roomchat.core.text.TerminalWrap;

/**
 * A {@link Dispatcher} backed by a fixed pool of threads.
 *
 * <p><b>Threads:</b> each room's {@link DeliveryQueue} is drained by at most one pool thread at a
 * time, which keeps the room's order and confines the room's channel group and history to that
 * drain; different rooms drain in parallel. A drain runs at most {@link #MAX_BATCH} deliveries
 * before it yields the thread, so one busy room can't starve the others. A run of lines (what the
 * queue held, up to the next arrival or departure) is encoded once, back to back into one buffer
 * ({@link EncodedRun}); the drain then hands each event loop that owns some of the room's channels
 * one {@link LoopBatch} for it, which that loop writes to its channels as slices of that buffer and
 * flushes once per channel. No thread here touches a socket or waits for one, and a recipient costs
 * no task of its own and one write per run, not per line.
 *
 * <p><b>Slow consumers:</b> a channel that is not writable (its pending output is over the
 * channel's high water mark) gets no more lines until it drains (a run is taken or dropped whole, so
 * a channel may go over the mark by one run): they are dropped and counted, so
 * one user who stops reading costs the server a bounded amount of memory and costs the others
 * nothing.
 */
public final class ExecutorDispatcher implements Dispatcher {

    /** The most deliveries one drain of a room runs before it lets other rooms have the thread. */
    public static final int MAX_BATCH = 64;

    private static final Logger log = LoggerFactory.getLogger(ExecutorDispatcher.class);
    private static final DateTimeFormatter HISTORY_TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final ExecutorService executor;
    private final ByteBufAllocator allocator;
    private final Clock clock;
    /** Lines wider than this many columns are wrapped for terminals; 0: never. */
    private final int wrapWidth;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder delivered = new LongAdder();

    /** A dispatcher with {@code threads} delivery threads, Netty's default allocator and the system clock. */
    public ExecutorDispatcher(int threads) {
        this(threads, 0);
    }

    /** As above, wrapping lines wider than {@code wrapWidth} columns for terminals ({@link Terminals}); 0: never. */
    public ExecutorDispatcher(int threads, int wrapWidth) {
        this(threads, ByteBufAllocator.DEFAULT, Clock.systemDefaultZone(), wrapWidth);
    }

    /**
     * A dispatcher encoding into buffers from {@code allocator}, stamping history with {@code clock}'s
     * time, wrapping lines wider than {@code wrapWidth} columns for terminals (0: never).
     */
    public ExecutorDispatcher(int threads, ByteBufAllocator allocator, Clock clock, int wrapWidth) {
        this.executor = Executors.newFixedThreadPool(threads, new DefaultThreadFactory("dispatcher", true));
        this.allocator = allocator;
        this.clock = clock;
        this.wrapWidth = wrapWidth;
    }

    @Override
    public void publish(Room room, RoomMessage message) {
        enqueue(room, message);
    }

    @Override
    public void admit(Room room, Member member) {
        enqueue(room, new Delivery.Admit(member));
    }

    @Override
    public void remove(Room room, Member member) {
        enqueue(room, new Delivery.Remove(member));
    }

    @Override
    public void sendTo(Member member, String line) {
        Channel channel = member.channel();
        if (takesMore(channel)) {
            channel.writeAndFlush(encode(line, channel));
        }
    }

    /** Lines handed to channels so far: room lines once per recipient, and direct lines. */
    public long deliveries() {
        return delivered.sum();
    }

    /** Lines dropped so far, over all channels, because their channel was not writable. */
    public long droppedDeliveries() {
        return dropped.sum();
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(Room room, Delivery delivery) {
        if (room.deliveries().offer(delivery)) {
            schedule(room);
        }
    }

    private void schedule(Room room) {
        try {
            executor.execute(() -> drain(room));
        } catch (RejectedExecutionException closed) {
            log.debug("dispatcher closed; dropping deliveries for {}", room);
        }
    }

    private void drain(Room room) {
        DeliveryQueue queue = room.deliveries();
        List<RoomMessage> segment = new ArrayList<>();
        boolean finished = false;
        int ran = 0;
        try {
            while (ran < MAX_BATCH) {
                Delivery delivery = queue.poll();
                if (delivery == null) {
                    // Out before the drain is given up: a next drain may start at once, elsewhere.
                    fanOut(room, segment);
                    if (queue.stopDraining()) {
                        finished = true;
                        break;
                    }
                    continue;
                }
                ran++;
                if (delivery instanceof RoomMessage message) {
                    segment.add(message);
                    if (message.kept() && !room.isClosed()) {
                        room.history().add(clock.instant(), message.line());
                    }
                } else {
                    // Lines before an arrival or departure go out to the members as they were.
                    fanOut(room, segment);
                    changeMembership(room, delivery);
                }
            }
        } finally {
            // Still owning the drain (batch used up, or an Error escaped): hand it on, or the room goes silent.
            if (!finished) {
                fanOut(room, segment);
                schedule(room);
            }
        }
    }

    /**
     * Hands a run of lines to the event loops of the room's channels, one task per loop, and empties
     * {@code messages}, whatever happens, so that no line can go out twice.
     */
    private void fanOut(Room room, List<RoomMessage> messages) {
        if (messages.isEmpty() || room.channels().isEmpty()) {
            messages.clear();
            return;
        }
        EncodedRun run = null;
        try {
            run = EncodedRun.encode(messages, allocator, wrapWidth);
            Map<EventLoop, List<Channel>> byLoop = new HashMap<>();
            for (Channel channel : room.channels()) {
                byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>()).add(channel);
            }
            for (Map.Entry<EventLoop, List<Channel>> loop : byLoop.entrySet()) {
                handOver(loop.getKey(), new LoopBatch(loop.getValue(), run.retain(), this::takesMore), run);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            log.error("delivery to {} failed and was dropped", room, e);
        } finally {
            messages.clear();
            if (run != null) {
                run.release();
            }
        }
    }

    /** Gives the batch to its loop, or back the reference to the run it holds if the loop is gone. */
    private static void handOver(EventLoop loop, LoopBatch batch, EncodedRun run) {
        try {
            loop.execute(batch);
        } catch (RejectedExecutionException shuttingDown) {
            run.release();
        }
    }

    private void changeMembership(Room room, Delivery delivery) {
        try {
            if (delivery instanceof Delivery.Admit admit) {
                replayHistory(room, admit.member().channel());
                room.channels().add(admit.member().channel());
            } else {
                room.channels().remove(((Delivery.Remove) delivery).member().channel());
                if (room.isClosed()) {
                    // Its last member left and nobody can enter it again: its history's memory goes back.
                    room.history().clear();
                }
            }
        } catch (RuntimeException e) {
            log.error("membership change in {} failed", room, e);
        }
    }

    private void replayHistory(Room room, Channel newcomer) {
        List<RoomHistory.Entry> entries = room.history().entries();
        if (entries.isEmpty() || !takesMore(newcomer, entries.size() + 1)) {
            return;
        }
        for (RoomHistory.Entry entry : entries) {
            newcomer.write(encode(HISTORY_TIME.format(entry.at().atZone(clock.getZone())) + " " + entry.line(), newcomer));
        }
        newcomer.writeAndFlush(encode(RoomHistory.LIVE_CHAT_STARTS, newcomer));
    }

    /** {@code line} with its line end, as {@code recipient} should see it (wrapped, on a terminal). */
    private ByteBuf encode(String line, Channel recipient) {
        return encode(wrapWidth > 0 && Terminals.isTerminal(recipient) ? TerminalWrap.wrap(line, wrapWidth) : line);
    }

    private ByteBuf encode(String line) {
        ByteBuf encoded = allocator.buffer(ByteBufUtil.utf8MaxBytes(line) + 1);
        ByteBufUtil.writeUtf8(encoded, line);
        return encoded.writeByte(EncodedRun.LINE_END);
    }

    private boolean takesMore(Channel channel) {
        return takesMore(channel, 1);
    }

    /**
     * Whether {@code channel} takes {@code lines} more now: all of them if it is writable (it may go
     * over its high water mark by one run), none if not.
     */
    private boolean takesMore(Channel channel, int lines) {
        if (channel.isWritable()) {
            delivered.add(lines);
            return true;
        }
        dropped.add(lines);
        return false;
    }
}
