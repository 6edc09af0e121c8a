package roomchat.core.dispatch;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.broker.Broker;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Delivery;
import roomchat.core.room.DeliveryQueue;
import roomchat.core.room.Member;
import roomchat.core.room.Membership;
import roomchat.core.room.Room;

/**
 * The job-queue dispatcher: delivers each room's ordered events to the room's members on this
 * server, through per-room {@link ChannelGroup}s, off the callers' threads. It is the
 * {@link Broker.Subscriber} of the server's broker and the registry's {@link Membership}: events,
 * arrivals and departures of one room run in the order they were handed over, so a member receives
 * exactly the room's events ordered between its arrival and its departure, and its history replay
 * (up to the last event delivered before its arrival) meets live events with nothing missed and
 * nothing twice.
 *
 * <p><b>Threads:</b> each room's {@link DeliveryQueue} is drained by at most one thread at a time,
 * which keeps the room's order and confines the room's {@link Outlet} (its channel group and the
 * last event delivered) to that drain; different rooms drain in parallel. An event published on an
 * event loop (a member's line) is drained by that loop at the end of its turn, after everything it
 * read in that turn; arrivals, departures, events from other threads (a cluster's feed) and drains
 * that used up their batch go to the pool's threads. A drain runs at most
 * {@link #MAX_BATCH} jobs before it yields the thread, so one busy room can't starve the others. A
 * run of events (what the queue held, up to the next arrival or departure) is encoded once per
 * format its recipients speak ({@link EncodedRun}); the drain then hands each event loop that owns
 * some of the room's channels one {@link LoopBatch} through the loop's {@link LoopOutbox}, which
 * writes every run waiting for it to its channels as slices and flushes each channel once. No thread
 * here touches a socket or waits for one. A member not reached through a channel (a gRPC stream)
 * has an {@link EventPort}: the drain hands its loop's outbox the run itself, as objects
 * ({@link PortBatch}), and the port sends it there.
 *
 * <p><b>Slow consumers:</b> a channel that is not writable (its pending output is over its high
 * water mark) gets no more events until it drains (a run is taken or dropped whole, so a channel
 * may go over the mark by one run): they are dropped and counted, so one user who stops reading
 * costs the server a bounded amount of memory and costs the others nothing.
 */
public final class ExecutorDispatcher implements Broker.Subscriber, Membership, AutoCloseable {

    /** The most jobs one drain of a room runs before it lets other rooms have the thread. */
    public static final int MAX_BATCH = 64;

    private static final Logger log = LoggerFactory.getLogger(ExecutorDispatcher.class);
    /** Set on a channel that was told goodbye: nothing more is delivered to it. */
    private static final AttributeKey<Boolean> SILENCED = AttributeKey.valueOf("roomchat.silenced");

    /** What one room's drain delivers to: confined to that drain. */
    private static final class Outlet {
        final ChannelGroup channels;
        /** Members not reached through a channel (gRPC streams), handed the runs as objects. */
        final Map<Member, EventPort> ports = new HashMap<>();
        /** The number of the last event delivered (or dropped); history up to it is a newcomer's replay. */
        long lastSeq;

        Outlet(Room room) {
            this.channels = new DefaultChannelGroup(room.name(), GlobalEventExecutor.INSTANCE);
            // A room resumed from a history store: its stored lines were delivered in an earlier life.
            this.lastSeq = room.log().resumedSeq();
        }
    }

    private final ExecutorService executor;
    private final ByteBufAllocator allocator;
    private final Broker broker;
    /** Lines wider than this many columns are wrapped for terminals; 0: never. */
    private final int wrapWidth;
    private final Map<Room, Outlet> outlets = new ConcurrentHashMap<>();
    private final Map<EventLoop, LoopOutbox> outboxes = new ConcurrentHashMap<>();
    /** Event loops that drain the rooms they publish to after their turn; none until told. */
    private volatile IoEventLoopGroup drainingLoops;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    /** {@link #takesMore}, made once: every port and batch shares it, rather than a lambda each. */
    private final LoopBatch.Intake intake = this::takesMore;
    private final PortBatch.Intake portIntake = this::takesMore;

    /**
     * A dispatcher of {@code threads} threads for {@code broker}'s rooms, encoding into buffers from
     * {@code allocator}, wrapping lines wider than {@code wrapWidth} columns for terminals (0: never).
     * It subscribes itself to the broker.
     */
    public ExecutorDispatcher(int threads, ByteBufAllocator allocator, int wrapWidth, Broker broker) {
        this.executor = Executors.newFixedThreadPool(threads, new DefaultThreadFactory("dispatcher", true));
        this.allocator = allocator;
        this.wrapWidth = wrapWidth;
        this.broker = broker;
        broker.start(this);
    }

    /** As above, with Netty's default allocator. */
    public ExecutorDispatcher(int threads, int wrapWidth, Broker broker) {
        this(threads, ByteBufAllocator.DEFAULT, wrapWidth, broker);
    }

    /**
     * Delivers nothing more to {@code channel}, neither its rooms' lines nor notices, from any
     * thread: call it before writing a goodbye to a connection that closes after it. The goodbye's
     * close may be put off while a flush is under way, and a run of room lines written in between
     * would reach the user after the goodbye.
     */
    public static void silence(Channel channel) {
        channel.attr(SILENCED).set(Boolean.TRUE);
    }

    /**
     * Lets the loops of {@code group} (the server's connections') drain a room they published to
     * after their turn, instead of waking a pool thread. Other threads' events (a cluster's feed, on
     * Redis's threads) still go to the pool.
     */
    public void drainOnLoopsOf(IoEventLoopGroup group) {
        this.drainingLoops = group;
    }

    /** The port of a member who speaks through {@code channel}. */
    public ChannelPort portOf(Channel channel) {
        return new ChannelPort(channel, intake);
    }

    /** Only appends: the broker may hold the room's lock, and the drain is scheduled in {@link #released}. */
    @Override
    public void onEvent(Room room, RoomEvent event) {
        room.deliveries().append(new Delivery.Event(event));
    }

    @Override
    public void released(Room room) {
        if (room.deliveries().claim()) {
            if (!drainAfterThisTurn(room)) {
                schedule(room);
            }
        }
    }

    /**
     * On an event loop (a member's line published by its connection's loop), drains {@code room} on
     * that loop once its turn is done: the lines it read together in this turn go out as one run, and
     * no pool thread has to be woken. Netty's tail tasks are how an I/O loop runs something after a
     * turn; returns false if this thread is not one of {@link #drainOnLoopsOf}'s loops, or its loop is stopping.
     */
    private boolean drainAfterThisTurn(Room room) {
        IoEventLoopGroup group = drainingLoops;
        if (group == null || !(ThreadExecutorMap.currentExecutor() instanceof SingleThreadIoEventLoop loop)
                || loop.parent() != group || !loop.inEventLoop()) {
            return false;
        }
        try {
            loop.executeAfterEventLoopIteration(() -> drain(room));
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            return false;
        }
    }

    @Override
    public void admit(Room room, Member member, List<Notice> first) {
        enqueue(room, new Delivery.Admit(member, first));
    }

    @Override
    public void remove(Room room, Member member) {
        enqueue(room, new Delivery.Remove(member));
    }

    /** Lines handed to channels so far: room events once per recipient, and notices. */
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
        Outlet outlet = outletOf(room);
        List<RoomEvent> run = new ArrayList<>();
        boolean finished = false;
        int ran = 0;
        try {
            while (ran < MAX_BATCH) {
                Delivery delivery = queue.poll();
                if (delivery == null) {
                    // Out before the drain is given up: a next drain may start at once, elsewhere.
                    fanOut(room, outlet, run);
                    if (queue.stopDraining()) {
                        finished = true;
                        break;
                    }
                    continue;
                }
                ran++;
                if (delivery instanceof Delivery.Event event) {
                    run.add(event.event());
                    outlet.lastSeq = event.event().seq();
                } else {
                    // Events before an arrival or departure go out to the members as they were.
                    fanOut(room, outlet, run);
                    changeMembership(room, outlet, delivery);
                }
            }
        } finally {
            // Still owning the drain (batch used up, or an Error escaped): hand it on, or the room goes silent.
            if (!finished) {
                fanOut(room, outlet, run);
                schedule(room);
            }
        }
    }

    /** The room's outlet; a room already closed gets a passing one, kept nowhere, so it can't leak. */
    private Outlet outletOf(Room room) {
        Outlet outlet = outlets.get(room);
        if (outlet == null) {
            outlet = new Outlet(room);
            if (!room.isClosed()) {
                outlets.put(room, outlet);
            }
        }
        return outlet;
    }

    /**
     * Hands a run of events to the event loops of the room's channels, one task per loop, and empties
     * {@code events}, whatever happens, so that no event can go out twice.
     */
    private void fanOut(Room room, Outlet outlet, List<RoomEvent> events) {
        if (!events.isEmpty() && !outlet.ports.isEmpty()) {
            fanOutToPorts(outlet, events);
        }
        if (events.isEmpty() || outlet.channels.isEmpty()) {
            events.clear();
            return;
        }
        EncodedRun run = null;
        try {
            Map<EventLoop, List<Channel>> byLoop = new HashMap<>();
            Set<Format> formats = EnumSet.noneOf(Format.class);
            for (Channel channel : outlet.channels) {
                byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>()).add(channel);
                formats.add(Format.of(channel));
            }
            run = EncodedRun.encode(events, formats, allocator, wrapWidth);
            for (Map.Entry<EventLoop, List<Channel>> loop : byLoop.entrySet()) {
                outboxOf(loop.getKey()).offer(new LoopBatch(loop.getValue(), run.retain(), intake));
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            log.error("delivery to {} failed and was dropped", room, e);
        } finally {
            events.clear();
            if (run != null) {
                run.release();
            }
        }
    }

    /**
     * Hands the run to each member reached through an {@link EventPort}, less the events that spare
     * it, as one {@link PortBatch} per event loop through the loop's outbox. Members that get the
     * same events share one {@link EventRun}, so their door encodes it once.
     */
    private void fanOutToPorts(Outlet outlet, List<RoomEvent> events) {
        EventRun run = new EventRun(events);
        Map<EventLoop, PortBatch> byLoop = new HashMap<>();
        for (Map.Entry<Member, EventPort> entry : outlet.ports.entrySet()) {
            EventRun its = run.without(entry.getKey());
            if (its.size() > 0) {
                EventPort port = entry.getValue();
                byLoop.computeIfAbsent(port.eventLoop(), loop -> new PortBatch(portIntake)).add(port, its);
            }
        }
        byLoop.forEach((loop, batch) -> outboxOf(loop).offer(batch));
    }

    private LoopOutbox outboxOf(EventLoop loop) {
        return outboxes.computeIfAbsent(loop, LoopOutbox::new);
    }

    private void changeMembership(Room room, Outlet outlet, Delivery delivery) {
        try {
            if (delivery instanceof Delivery.Admit admit) {
                admit(room, outlet, admit);
            } else {
                remove(room, outlet, ((Delivery.Remove) delivery).member());
            }
        } catch (RuntimeException e) {
            log.error("membership change in {} failed", room, e);
        }
    }

    /** What it must hear first, the history up to the last event delivered, then the live events. */
    private void admit(Room room, Outlet outlet, Delivery.Admit admit) {
        Channel channel = ChannelPort.channelOf(admit.member().port());
        if (channel == null && admit.member().port() instanceof EventPort port) {
            admitPort(room, outlet, admit, port);
            return;
        }
        if (channel == null) {
            log.warn("{} can't be delivered to: not reached through a channel", admit.member());
            return;
        }
        List<Object> messages = new ArrayList<>();
        for (Notice notice : admit.first()) {
            if (takesMore(channel, 1)) {
                messages.add(notice);
            }
        }
        List<RoomEvent> history = broker.history(room, outlet.lastSeq);
        if (!history.isEmpty() && takesMore(channel, history.size() + 1)) {
            messages.add(new Notice.History(room.name(), history));
        }
        if (!messages.isEmpty()) {
            // Through the loop's outbox, as the room's runs go: none of them can overtake it.
            outboxOf(channel.eventLoop()).offer(new Admission(channel, messages));
        }
        outlet.channels.add(channel);
    }

    /**
     * As {@link #admit} for a member reached through an {@link EventPort}: its first notices and the
     * history go through its loop's outbox, as the room's runs do, so none of them can overtake it.
     */
    private void admitPort(Room room, Outlet outlet, Delivery.Admit admit, EventPort port) {
        List<Notice> notices = new ArrayList<>(admit.first());
        List<RoomEvent> history = broker.history(room, outlet.lastSeq);
        if (!history.isEmpty()) {
            notices.add(new Notice.History(room.name(), history));
        }
        if (!notices.isEmpty()) {
            outboxOf(port.eventLoop()).offer(new PortAdmission(port, notices));
        }
        outlet.ports.put(admit.member(), port);
    }

    private void remove(Room room, Outlet outlet, Member member) {
        Channel channel = ChannelPort.channelOf(member.port());
        if (channel != null) {
            outlet.channels.remove(channel);
        }
        outlet.ports.remove(member);
        if (room.isClosed()) {
            // Its last member left and nobody can enter it again: its history's memory goes back.
            broker.removeHistory(room);
            outlets.remove(room);
        }
    }

    /**
     * Whether {@code channel} takes {@code lines} more now: all of them if it is writable (it may go
     * over its high water mark by one run), none if not, nor if it was {@linkplain #silence silenced}.
     */
    private boolean takesMore(Channel channel, int lines) {
        if (channel.hasAttr(SILENCED)) {
            // Told goodbye: neither delivered nor dropped, as for a channel already closed.
            return false;
        }
        if (channel.isWritable()) {
            delivered.add(lines);
            return true;
        }
        dropped.add(lines);
        return false;
    }

    /** Whether {@code port} takes {@code events} more now: all of them if it is writable, none if not. */
    private boolean takesMore(EventPort port, int events) {
        if (port.writable()) {
            delivered.add(events);
            return true;
        }
        dropped.add(events);
        return false;
    }
}
