package roomchat.core.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelMatcher;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

/**
 * A {@link Dispatcher} backed by a fixed pool of threads.
 *
 * <p><b>Threads:</b> each room's {@link DeliveryQueue} is drained by at most one pool thread at a
 * time, which keeps the room's order and confines the room's channel group and history to that
 * drain; different rooms drain in parallel. A drain runs at most {@link #MAX_BATCH} deliveries
 * before it yields the thread, so one busy room can't starve the others, and flushes the room's
 * channels once at its end. Delivering a line encodes it once and writes the one buffer to every
 * recipient's channel; the writes themselves are handed to each channel's event loop, so no thread
 * here waits on a socket.
 *
 * <p><b>Slow consumers:</b> a channel that is not writable (its pending output is over the
 * channel's high water mark) gets no more lines until it drains: they are dropped and counted, so
 * one user who stops reading costs the server a bounded amount of memory and costs the others
 * nothing.
 */
public final class ExecutorDispatcher implements Dispatcher {

    /** The most deliveries one drain of a room runs before it lets other rooms have the thread. */
    public static final int MAX_BATCH = 64;

    /** Lines dropped for one channel because it was not reading them. */
    public static final AttributeKey<LongAdder> DROPPED = AttributeKey.valueOf("roomchat.droppedDeliveries");

    private static final Logger log = LoggerFactory.getLogger(ExecutorDispatcher.class);
    private static final DateTimeFormatter HISTORY_TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final byte LINE_END = '\n';

    private final ExecutorService executor;
    private final ByteBufAllocator allocator;
    private final Clock clock;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder delivered = new LongAdder();

    /** A dispatcher with {@code threads} delivery threads, Netty's default allocator and the system clock. */
    public ExecutorDispatcher(int threads) {
        this(threads, ByteBufAllocator.DEFAULT, Clock.systemDefaultZone());
    }

    /** A dispatcher encoding into buffers from {@code allocator}, stamping history with {@code clock}'s time. */
    public ExecutorDispatcher(int threads, ByteBufAllocator allocator, Clock clock) {
        this.executor = Executors.newFixedThreadPool(threads, new DefaultThreadFactory("dispatcher", true));
        this.allocator = allocator;
        this.clock = clock;
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
            channel.writeAndFlush(encode(line));
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
        boolean finished = false;
        int ran = 0;
        try {
            while (ran < MAX_BATCH) {
                Delivery delivery = queue.poll();
                if (delivery != null) {
                    run(room, delivery);
                    ran++;
                } else if (queue.stopDraining()) {
                    finished = true;
                    break;
                }
            }
        } finally {
            if (ran > 0) {
                // One flush per channel per batch, not one per line: a socket write per batch.
                room.channels().flush();
            }
            // Still owning the drain (batch used up, or an Error escaped): hand it on, or the room goes silent.
            if (!finished) {
                schedule(room);
            }
        }
    }

    private void run(Room room, Delivery delivery) {
        try {
            if (delivery instanceof RoomMessage message) {
                deliver(room, message);
            } else if (delivery instanceof Delivery.Admit admit) {
                replayHistory(room, admit.member().channel());
                room.channels().add(admit.member().channel());
            } else {
                room.channels().remove(((Delivery.Remove) delivery).member().channel());
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            log.error("delivery to {} failed and was dropped", room, e);
        }
    }

    private void deliver(Room room, RoomMessage message) {
        ChannelMatcher recipients = message.recipients();
        // The group writes a retained duplicate to each channel and releases this buffer once.
        room.channels().write(encode(message.line()), channel -> recipients.matches(channel) && takesMore(channel));
        if (message.kept()) {
            room.history().add(clock.instant(), message.line());
        }
    }

    private void replayHistory(Room room, Channel newcomer) {
        List<RoomHistory.Entry> entries = room.history().entries();
        if (entries.isEmpty() || !takesMore(newcomer)) {
            return;
        }
        for (RoomHistory.Entry entry : entries) {
            newcomer.write(encode(HISTORY_TIME.format(entry.at().atZone(clock.getZone())) + " " + entry.line()));
        }
        newcomer.write(encode(RoomHistory.LIVE_CHAT_STARTS));
    }

    private ByteBuf encode(String line) {
        ByteBuf encoded = allocator.buffer(ByteBufUtil.utf8MaxBytes(line) + 1);
        ByteBufUtil.writeUtf8(encoded, line);
        return encoded.writeByte(LINE_END);
    }

    private boolean takesMore(Channel channel) {
        if (channel.isWritable()) {
            delivered.increment();
            return true;
        }
        dropped.increment();
        Attribute<LongAdder> perChannel = channel.attr(DROPPED);
        LongAdder count = perChannel.get();
        if (count == null) {
            perChannel.setIfAbsent(new LongAdder());
            count = perChannel.get();
        }
        count.increment();
        return false;
    }
}
