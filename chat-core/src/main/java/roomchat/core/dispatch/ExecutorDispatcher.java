package roomchat.core.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelMatcher;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.room.DeliveryQueue;
import roomchat.core.room.Room;
import roomchat.core.room.RoomMessage;

/**
 * A {@link Dispatcher} backed by a fixed pool of threads.
 *
 * <p><b>Threads:</b> each room's {@link DeliveryQueue} is drained by at most one pool thread at a
 * time, which keeps the room's order; different rooms drain in parallel. A drain delivers at most
 * {@link #MAX_BATCH} messages before it yields the thread, so one busy room can't starve the
 * others. Delivering a message encodes it once and writes the one buffer to every recipient's
 * channel; the writes themselves are handed to each channel's event loop, so no thread here waits
 * on a socket.
 *
 * <p><b>Slow consumers:</b> a channel that is not writable (its pending output is over the
 * channel's high water mark) gets no more room lines until it drains: they are dropped and
 * counted, so one user who stops reading costs the server a bounded amount of memory and costs
 * the others nothing.
 */
public final class ExecutorDispatcher implements Dispatcher {

    /** The most messages one drain of a room delivers before it lets other rooms have the thread. */
    public static final int MAX_BATCH = 64;

    /** Room lines dropped for one channel because it was not reading them. */
    public static final AttributeKey<LongAdder> DROPPED = AttributeKey.valueOf("roomchat.droppedDeliveries");

    private static final Logger log = LoggerFactory.getLogger(ExecutorDispatcher.class);
    private static final byte LINE_END = '\n';

    private final ExecutorService executor;
    private final ByteBufAllocator allocator;
    private final LongAdder dropped = new LongAdder();

    /** A dispatcher with {@code threads} delivery threads, encoding with Netty's default allocator. */
    public ExecutorDispatcher(int threads) {
        this(threads, ByteBufAllocator.DEFAULT);
    }

    /** A dispatcher with {@code threads} delivery threads, encoding into buffers from {@code allocator}. */
    public ExecutorDispatcher(int threads, ByteBufAllocator allocator) {
        this.executor = Executors.newFixedThreadPool(threads, new DefaultThreadFactory("dispatcher", true));
        this.allocator = allocator;
    }

    @Override
    public void publish(Room room, RoomMessage message) {
        if (room.deliveries().offer(message)) {
            schedule(room);
        }
    }

    /** Room lines dropped so far, over all channels, because their channel was not writable. */
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

    private void schedule(Room room) {
        try {
            executor.execute(() -> drain(room));
        } catch (RejectedExecutionException closed) {
            log.debug("dispatcher closed; dropping messages for {}", room);
        }
    }

    private void drain(Room room) {
        DeliveryQueue queue = room.deliveries();
        boolean finished = false;
        int delivered = 0;
        try {
            while (delivered < MAX_BATCH) {
                RoomMessage message = queue.poll();
                if (message != null) {
                    deliver(room, message);
                    delivered++;
                } else if (queue.stopDraining()) {
                    finished = true;
                    break;
                }
            }
        } finally {
            if (delivered > 0) {
                // One flush per channel per batch, not one per line: a socket write per batch.
                room.channels().flush();
            }
            // Still owning the drain (batch used up, or an Error escaped): hand it on, or the room goes silent.
            if (!finished) {
                schedule(room);
            }
        }
    }

    private boolean takesMore(Channel channel) {
        if (channel.isWritable()) {
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

    private void deliver(Room room, RoomMessage message) {
        try {
            String line = message.line();
            ByteBuf encoded = allocator.buffer(ByteBufUtil.utf8MaxBytes(line) + 1);
            ByteBufUtil.writeUtf8(encoded, line);
            encoded.writeByte(LINE_END);
            ChannelMatcher recipients = message.recipients();
            // The group writes a retained duplicate to each channel and releases this buffer once.
            room.channels().write(encoded, channel -> recipients.matches(channel) && takesMore(channel));
        } catch (RuntimeException | OutOfMemoryError e) {
            log.error("delivery to {} failed; the line was dropped", room, e);
        }
    }
}
