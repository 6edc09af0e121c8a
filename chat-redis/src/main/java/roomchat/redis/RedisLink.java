package roomchat.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.broker.Broker;

/**
 * This node's connections to Redis, through Lettuce: one command connection (asynchronous, UTF-8
 * strings) and one publish/subscribe connection, which Lettuce reconnects on its own after a loss
 * (with a backoff capped at {@link #RECONNECT_MAX_DELAY}). While either is down, commands fail at
 * once ({@code REJECT_COMMANDS}) and every command fails after {@link #COMMAND_TIMEOUT}; callers see
 * every such failure as {@link Broker.Unavailable} ({@link RedisFailures}).
 *
 * <p><b>Why Lettuce has threads of its own:</b> Lettuce gets its own small resources
 * ({@link #IO_THREADS} I/O threads, {@link #COMPUTATION_THREADS} for its timers) instead of the
 * server's event loops. Lettuce 7.7 could run on Netty 4.2's {@code MultiThreadIoEventLoopGroup},
 * but only through a hand-written {@code EventLoopGroupProvider} that must pick the same transport
 * as the server and must never shut the server's loops down, which is fragile; and on the server's
 * loops every burst of Redis work (a catch-up's decoding, the fan-in of every room's events) would
 * delay the users' sockets on those loops. Two threads are cheap, and a stall on either side stays there.
 *
 * <p><b>State:</b> the link is {@link #up} when both connections are connected and the data set's
 * {@linkplain RedisKeys#EPOCH epoch} was read after the last (re)connect. It goes down when either
 * connection is lost; {@link #onDown} listeners run then. When both are back, every channel is
 * subscribed again, the epoch is read, {@link #onReset} listeners run if it changed (Redis lost its
 * data), then {@link #onUp} listeners. A {@link #PING_PERIOD} timer measures the round trip and
 * retries coming up if reading the epoch failed. A subscription found deaf while its connection
 * looks alive (the broker's {@link Probe}) is renewed: a new publish/subscribe connection replaces
 * the old one ({@link #renewSubscriptions}).
 *
 * <p><b>Threads:</b> listeners run on Lettuce's threads (the I/O thread of the connection that
 * changed, or its timer thread) and must not block. Messages reach the {@link #onMessage} and
 * {@link #onNodeMessage} listeners on the publish/subscribe connection's I/O thread, one at a time,
 * in the order Redis sent them. State changes are guarded by this object's monitor, never held
 * while a listener runs. Every method may be called from any thread; none blocks but
 * {@link #connect} and {@link #close}.
 */
public final class RedisLink implements AutoCloseable {

    /**
     * How long a command may take before it fails (and a line is refused as unavailable): long
     * enough for a burst of thousands of lines queued at once on a busy machine, short enough that
     * a Redis that stopped answering is soon treated as away. (2 s timed out bursts in the tests.)
     */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Commands a connection holds, sent or waiting, before it refuses more at once (a line is then
     * refused as unavailable): the bound on the memory a node gives Redis's work (a command is a
     * few hundred bytes to a kilobyte), whatever its users send. A burst of 6,000 lines over three
     * nodes stays far below it.
     */
    public static final int MAX_QUEUED_COMMANDS = 10_000;
    /** How often the command connection is pinged to measure the round trip. */
    public static final Duration PING_PERIOD = Duration.ofSeconds(1);
    /** Lettuce's I/O threads: one connection each is enough for the two connections. */
    public static final int IO_THREADS = 2;
    /** Lettuce's computation threads (timers, reconnect scheduling, the ping). */
    public static final int COMPUTATION_THREADS = 1;
    /** The first wait before reconnecting, doubled after each failed attempt … */
    public static final Duration RECONNECT_MIN_DELAY = Duration.ofMillis(50);
    /** … up to this, so a node is back within about a second of Redis (Lettuce's default cap is 30 s). */
    public static final Duration RECONNECT_MAX_DELAY = Duration.ofSeconds(1);
    /** The weight of the newest sample in the round trip's moving average. */
    private static final double ROUND_TRIP_WEIGHT = 0.25;
    /** Messages on the node's channel that start with this are the broker's probes. */
    static final String PROBE_PREFIX = "probe ";

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    private final String nodeId;
    private final String nodeChannel;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisURI address;
    /** Replaced only by {@link #renewSubscriptions}. */
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    /** Every channel this node listens on: subscribed again after each reconnect. */
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final List<Runnable> upListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> downListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> resetListeners = new CopyOnWriteArrayList<>();
    private volatile BiConsumer<String, String> messageListener = (channel, message) -> { };
    private volatile Consumer<String> nodeMessageListener = message -> { };
    private volatile Consumer<String> probeListener = message -> { };
    private final AtomicLong reconnects = new AtomicLong();
    /** The round trip's moving average in microseconds; -1 until measured. */
    private volatile long roundTripMicros = -1;
    private final ScheduledFuture<?> pinger;

    /** Guarded by this: whether each connection is connected, and the link's state. */
    private boolean commandsLinked = true;
    private boolean pubSubLinked = true;
    /** Guarded by this when written. */
    private volatile boolean up;
    /** Guarded by this: an epoch read is under way. */
    private boolean comingUp;
    private boolean closed;
    /** Guarded by this: the epoch read at the last (re)connect. */
    private String epoch;

    private RedisLink(String nodeId, RedisURI address, ClientResources resources, RedisClient client,
            StatefulRedisConnection<String, String> connection, StatefulRedisPubSubConnection<String, String> pubSub) {
        this.nodeId = nodeId;
        this.nodeChannel = RedisKeys.nodeChannel(nodeId);
        this.address = address;
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.pubSub = pubSub;
        pubSub.addListener(new Listener());
        client.addListener(new Watcher());
        long period = PING_PERIOD.toMillis();
        this.pinger = resources.eventExecutorGroup().scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects node {@code nodeId} to the Redis at {@code uri} ({@code redis://host:port}),
     * subscribes its own channel and reads the epoch. Blocks until done: call it at startup, never
     * on an event loop.
     *
     * @throws Broker.Unavailable if Redis can't be reached
     */
    public static RedisLink connect(String uri, String nodeId) {
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(IO_THREADS)
                .computationThreadPoolSize(COMPUTATION_THREADS)
                .reconnectDelay(Delay.exponential(RECONNECT_MIN_DELAY, RECONNECT_MAX_DELAY, 2, TimeUnit.MILLISECONDS))
                .nettyCustomizer(new NettyCustomizer() {
                    @Override
                    public void afterChannelInitialized(Channel channel) {
                        // Commands come from many threads, one write task each; their flushes become
                        // one socket write per turn of Lettuce's loop instead of one per command.
                        channel.pipeline().addFirst(new FlushConsolidationHandler(
                                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                    }
                })
                .build();
        RedisURI address = RedisURI.create(uri);
        address.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(resources, address);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(MAX_QUEUED_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
                .build());
        RedisLink link = null;
        try {
            link = new RedisLink(nodeId, address, resources, client, client.connect(StringCodec.UTF8), client.connectPubSub(StringCodec.UTF8));
            link.start();
            return link;
        } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (link != null) {
                link.close();
            } else {
                client.shutdown();
                resources.shutdown();
            }
            log.debug("can't connect to {}", uri, e);
            throw new Broker.Unavailable("can't connect to Redis at " + uri + ": " + RedisFailures.unwrap(e).getMessage());
        }
    }

    private void start() throws InterruptedException, ExecutionException, TimeoutException {
        channels.add(nodeChannel);
        long wait = COMMAND_TIMEOUT.toMillis();
        pubSub.async().subscribe(nodeChannel).get(wait, TimeUnit.MILLISECONDS);
        String seen = readEpoch().toCompletableFuture().get(wait, TimeUnit.MILLISECONDS);
        synchronized (this) {
            epoch = seen;
            up = connection.isOpen() && pubSub.isOpen();
        }
    }

    /** This node's id: the first part of its members' refs. */
    public String nodeId() {
        return nodeId;
    }

    /** This node's own channel. */
    String nodeChannel() {
        return nodeChannel;
    }

    /** Lettuce's timer threads, for periodic work that must not block. */
    ScheduledExecutorService timer() {
        return resources.eventExecutorGroup();
    }

    /**
     * Replaces the publish/subscribe connection with a new one listening on every channel, for a
     * subscription found deaf while its connection still looks alive. The old one is closed once
     * the new one listens; a message both still carried in between comes twice.
     */
    CompletionStage<Void> renewSubscriptions() {
        CompletableFuture<StatefulRedisPubSubConnection<String, String>> opened =
                client.connectPubSubAsync(StringCodec.UTF8, address).toCompletableFuture();
        CompletionStage<Void> renewed = opened.thenCompose(fresh -> {
            fresh.addListener(new Listener());
            return fresh.async().subscribe(channels.toArray(String[]::new));
        }).thenCompose(subscribed -> {
            StatefulRedisPubSubConnection<String, String> old = pubSub;
            StatefulRedisPubSubConnection<String, String> fresh = opened.join();
            pubSub = fresh;
            old.closeAsync();
            // A channel subscribed on the old connection while the new one was opened.
            return fresh.async().subscribe(channels.toArray(String[]::new));
        });
        renewed.whenComplete((done, failure) -> {
            if (failure != null && opened.isDone() && !opened.isCompletedExceptionally() && opened.join() != pubSub) {
                opened.join().closeAsync();
            }
        });
        return RedisFailures.guard(renewed);
    }

    /** The script {@code roomchat/redis/<name>.lua}, run on the command connection. */
    public LuaScript script(String name) {
        return new LuaScript(name, connection.async());
    }

    /**
     * Plain commands on the command connection. Their stages fail as Lettuce fails them: wrap them in
     * {@link RedisFailures#guard} to see {@link Broker.Unavailable}.
     */
    public RedisAsyncCommands<String, String> commands() {
        return connection.async();
    }

    /**
     * Listens on {@code channel} from now on (and after every reconnect). The stage completes once
     * Redis confirmed, or fails with {@link Broker.Unavailable}; the channel is subscribed again at
     * the next reconnect either way.
     */
    public CompletionStage<Void> subscribe(String channel) {
        channels.add(channel);
        return RedisFailures.guard(pubSub.async().subscribe(channel));
    }

    /** Stops listening on {@code channel}. */
    public CompletionStage<Void> unsubscribe(String channel) {
        channels.remove(channel);
        return RedisFailures.guard(pubSub.async().unsubscribe(channel));
    }

    /**
     * Sets who hears the messages of every channel but this node's own (the rooms' events), on the
     * publish/subscribe connection's I/O thread: {@code (channel, message)}. Replaces the previous one.
     */
    public void onMessage(BiConsumer<String, String> listener) {
        this.messageListener = listener;
    }

    /**
     * Sets who hears the messages on this node's own channel (private lines, kicks) other than the
     * broker's probes, on the publish/subscribe connection's I/O thread. Replaces the previous one.
     */
    public void onNodeMessage(Consumer<String> listener) {
        this.nodeMessageListener = listener;
    }

    /** Sets who hears the probes ({@link #PROBE_PREFIX}) on this node's channel: the broker's. */
    void onProbe(Consumer<String> listener) {
        this.probeListener = listener;
    }

    /** Whether both connections are connected and the epoch was checked since. */
    public boolean up() {
        return up;
    }

    /** Runs {@code listener} each time the link comes up again after being down (after any reset). */
    public void onUp(Runnable listener) {
        upListeners.add(listener);
    }

    /** Runs {@code listener} each time the link goes down (either connection lost). */
    public void onDown(Runnable listener) {
        downListeners.add(listener);
    }

    /**
     * Runs {@code listener} when, after a reconnect, Redis turns out to have lost its data (another
     * epoch): every member of this node is gone from it. Runs before the {@link #onUp} listeners.
     */
    public void onReset(Runnable listener) {
        resetListeners.add(listener);
    }

    /** How many times the link came up again after being down. */
    public long reconnects() {
        return reconnects.get();
    }

    /** The moving average of PING's round trip on the command connection, in microseconds; -1 until measured. */
    public long roundTripMicros() {
        return roundTripMicros;
    }

    /** Closes both connections and Lettuce's threads. Blocks up to a few seconds: not on an event loop. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            up = false;
        }
        pinger.cancel(false);
        pubSub.close();
        connection.close();
        client.shutdown(Duration.ZERO, COMMAND_TIMEOUT);
        resources.shutdown(0, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The data set's epoch, set to a new random value if it has none (a new or emptied Redis). */
    private CompletionStage<String> readEpoch() {
        RedisAsyncCommands<String, String> commands = connection.async();
        String candidate = UUID.randomUUID().toString();
        return RedisFailures.guard(commands.set(RedisKeys.EPOCH, candidate, SetArgs.Builder.nx())
                .thenCompose(ignored -> commands.get(RedisKeys.EPOCH)));
    }

    /** On the timer: measures the round trip, or tries to come up if a previous try failed. */
    private void tick() {
        if (!up) {
            tryComingUp();
            return;
        }
        long start = System.nanoTime();
        connection.async().ping().whenComplete((pong, failure) -> {
            if (failure == null) {
                long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
                long last = roundTripMicros;
                roundTripMicros = last < 0 ? micros : Math.round(last + ROUND_TRIP_WEIGHT * (micros - last));
            }
        });
    }

    private void linked(boolean commandConnection) {
        synchronized (this) {
            if (commandConnection) {
                commandsLinked = true;
            } else {
                pubSubLinked = true;
            }
        }
        tryComingUp();
    }

    private void unlinked(boolean commandConnection) {
        boolean wentDown;
        synchronized (this) {
            if (commandConnection) {
                commandsLinked = false;
            } else {
                pubSubLinked = false;
            }
            wentDown = up;
            up = false;
        }
        if (wentDown) {
            log.warn("lost the connection to Redis; commands fail until it is back");
            fire(downListeners);
        }
    }

    /** Once both connections are back: every channel subscribed again, the epoch read, then up. */
    private void tryComingUp() {
        synchronized (this) {
            if (up || comingUp || closed || !commandsLinked || !pubSubLinked) {
                return;
            }
            comingUp = true;
        }
        RedisFailures.guard(pubSub.async().subscribe(channels.toArray(String[]::new)))
                .thenCompose(subscribed -> readEpoch())
                .whenComplete(this::cameUp);
    }

    private void cameUp(String seen, Throwable failure) {
        boolean reset;
        synchronized (this) {
            comingUp = false;
            if (failure != null || closed || !commandsLinked || !pubSubLinked) {
                // Tried again on the next tick (or the next reconnect).
                return;
            }
            reset = !seen.equals(epoch);
            epoch = seen;
            up = true;
        }
        reconnects.incrementAndGet();
        if (reset) {
            log.warn("Redis lost its data (new epoch {}): this node's members are dropped", seen);
            fire(resetListeners);
        }
        log.info("connected to Redis again");
        fire(upListeners);
    }

    private static void fire(List<Runnable> listeners) {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.error("a Redis link listener failed", e);
            }
        }
    }

    /** Tells connections lost and regained, on the I/O thread of the connection concerned. */
    private final class Watcher implements RedisConnectionStateListener {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
            if (handler == connection || handler == pubSub) {
                linked(handler == connection);
            }
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            if (handler == connection || handler == pubSub) {
                unlinked(handler == connection);
            }
        }
    }

    /** Routes the messages: probes, the node's own, and the rooms'. */
    private final class Listener extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String channel, String message) {
            try {
                if (!channel.equals(nodeChannel)) {
                    messageListener.accept(channel, message);
                } else if (message.startsWith(PROBE_PREFIX)) {
                    probeListener.accept(message);
                } else {
                    nodeMessageListener.accept(message);
                }
            } catch (RuntimeException e) {
                log.error("a message on {} could not be handled", channel, e);
            }
        }
    }
}
