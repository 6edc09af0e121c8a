package roomchat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens many connections, each in a room of {@link #ROOM_SIZE}, and holds them, to measure what an
 * idle user costs: resident memory per connection, and CPU while nobody says anything. On this server
 * a connection is a named user, the room's first making it ({@code :n room<i>}) and the others joining
 * it ({@code :cr room<i>}); on Redis, the reference, it is a connection {@code SUBSCRIBE}d to the
 * channel {@code room<i>}. Source addresses are spread over 127.0.0.x so that the number of
 * connections is not bounded by one address's ephemeral ports.
 *
 * <p><b>Threads:</b> {@link #run} runs on the measuring thread and blocks; the connections' handlers run
 * on their event loops.
 */
final class IdleRun {

    /** Result of an idle run. */
    record IdleResult(String workload, int connections, long rssBeforeKiB, long rssAfterKiB,
                      double kibPerConnection, double idleCpuSeconds, double holdSeconds) {

        /** One row for several runs: the median of each figure. */
        static IdleResult median(List<IdleResult> runs) {
            IdleResult first = runs.get(0);
            return new IdleResult(first.workload() + " (median of " + runs.size() + ")", first.connections(),
                    Medians.of(runs, IdleResult::rssBeforeKiB).longValue(), Medians.of(runs, IdleResult::rssAfterKiB).longValue(),
                    Medians.of(runs, IdleResult::kibPerConnection), Medians.of(runs, IdleResult::idleCpuSeconds),
                    Medians.of(runs, IdleResult::holdSeconds));
        }
    }

    /** Opens connection {@code index} from {@code source} into {@code room}; completes once it is in it. */
    interface Connector {
        CompletableFuture<?> open(Bootstrap bootstrap, InetSocketAddress source, int index, int room, boolean creator,
                                  List<Channel> open);
    }

    /** Connections per room, as issue 13 has them. */
    static final int ROOM_SIZE = 50;
    private static final String ROOM_PREFIX = "room";
    private static final int SOURCE_ADDRESSES = 50;
    /** Connections opened before waiting for them: whole rooms, so that a batch's creators come first. */
    private static final int BATCH = 10 * ROOM_SIZE;
    private static final long BATCH_SECONDS = 60;

    private final InetSocketAddress target;
    private final Bootstrap bootstrap;
    private final ProcessProbe probe;
    private final Long jvmPid;
    private final Connector connector;
    private final String label;

    /** Against this server's process: named users in rooms; its JVM is asked to collect garbage before each reading. */
    IdleRun(InetSocketAddress server, EventLoopGroup group, Class<? extends Channel> channelType, ServerProcess serverProcess) {
        this(server, group, channelType, serverProcess.probe(), serverProcess.pid(), IdleRun::openChatUser, "idle");
    }

    /**
     * Against a chat server at {@code server} whose process {@code probe} reads; {@code jvmPid}, if not
     * null, is the JVM asked to collect garbage before each reading.
     */
    static IdleRun onChatServer(InetSocketAddress server, EventLoopGroup group, Class<? extends Channel> channelType,
                                ProcessProbe probe, Long jvmPid) {
        return new IdleRun(server, group, channelType, probe, jvmPid, IdleRun::openChatUser, "idle");
    }

    private IdleRun(InetSocketAddress target, EventLoopGroup group, Class<? extends Channel> channelType, ProcessProbe probe,
                    Long jvmPid, Connector connector, String label) {
        this.target = target;
        this.bootstrap = new Bootstrap().group(group).channel(channelType);
        this.probe = probe;
        this.jvmPid = jvmPid;
        this.connector = connector;
        this.label = label;
    }

    /** Against redis-server at {@code redis}, process {@code pid}: subscribers, {@link #ROOM_SIZE} to a channel. */
    static IdleRun onRedis(InetSocketAddress redis, long pid, EventLoopGroup group, Class<? extends Channel> channelType) {
        return new IdleRun(redis, group, channelType, new ProcessProbe(pid), null, IdleRun::openSubscriber,
                "idle [" + RedisDialect.INSTANCE.label() + "]");
    }

    /** The room name (and Redis channel) of room {@code room}. */
    static String roomName(int room) {
        return ROOM_PREFIX + room;
    }

    IdleResult run(int connections, Duration hold) throws Exception {
        collectGarbage();
        long before = probe.residentKiB();
        List<Channel> open = new ArrayList<>(connections);
        try {
            for (int first = 0; first < connections; first += BATCH) {
                int end = Math.min(first + BATCH, connections);
                // Creators first: a room must exist before anyone joins it.
                await(openBatch(first, end, true, open));
                await(openBatch(first, end, false, open));
            }
            collectGarbage();
            double cpuBefore = probe.cpuSeconds();
            long start = System.nanoTime();
            Thread.sleep(hold.toMillis()); // Holding idle connections is the measurement itself.
            double idleCpu = probe.cpuSeconds() - cpuBefore;
            double held = (System.nanoTime() - start) / 1e9;
            long after = probe.residentKiB();
            return new IdleResult(label + " " + connections, connections, before, after,
                    (after - before) / (double) connections, idleCpu, held);
        } finally {
            open.forEach(Channel::close);
        }
    }

    private void collectGarbage() throws Exception {
        if (jvmPid != null) {
            Gc.run(jvmPid);
        }
    }

    private List<CompletableFuture<?>> openBatch(int first, int end, boolean creators, List<Channel> open) {
        List<CompletableFuture<?>> opened = new ArrayList<>();
        for (int i = first; i < end; i++) {
            boolean creator = i % ROOM_SIZE == 0;
            if (creator == creators) {
                InetSocketAddress source = new InetSocketAddress("127.0.0." + (1 + i % SOURCE_ADDRESSES), 0);
                opened.add(connector.open(bootstrap.clone().remoteAddress(target), source, i, i / ROOM_SIZE, creator, open));
            }
        }
        return opened;
    }

    private static void await(List<CompletableFuture<?>> opened) throws Exception {
        CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(BATCH_SECONDS, TimeUnit.SECONDS);
    }

    /** A named user of this server, in its room. */
    private static CompletableFuture<?> openChatUser(Bootstrap bootstrap, InetSocketAddress source, int index, int room,
                                                     boolean creator, List<Channel> open) {
        BenchClient client = new BenchClient("idle" + index, index, (c, phase, sender, seq, sent) -> { });
        CompletableFuture<String> prompt = client.expect(line -> line.startsWith("* choose a screen name"));
        ChannelFuture connected = bootstrap.handler(ChatDialect.pipeline(client)).connect(bootstrap.config().remoteAddress(), source);
        open.add(connected.channel());
        connected.addListener(done -> {
            if (!done.isSuccess()) {
                prompt.completeExceptionally(done.cause());
            }
        });
        String name = roomName(room);
        return prompt.thenCompose(line -> {
            CompletableFuture<String> welcome = client.expect(l -> l.startsWith("* type :h"));
            client.send(client.name);
            return welcome;
        }).thenCompose(line -> {
            CompletableFuture<String> moved = client.expect(l -> l.startsWith("* you are in " + name));
            client.send((creator ? ":n " : ":cr ") + name);
            return moved;
        });
    }

    /** A Redis connection subscribed to its room's channel. */
    private static CompletableFuture<?> openSubscriber(Bootstrap bootstrap, InetSocketAddress source, int index, int room,
                                                       boolean creator, List<Channel> open) {
        RedisSubscriber subscriber = new RedisSubscriber(index, (c, phase, sender, seq, sent) -> { });
        ChannelFuture connected = bootstrap.handler(RedisDialect.pipeline(subscriber))
                .connect(bootstrap.config().remoteAddress(), source);
        open.add(connected.channel());
        CompletableFuture<Void> subscribed = subscriber.subscribed();
        connected.addListener(done -> {
            if (done.isSuccess()) {
                Channel channel = connected.channel();
                channel.writeAndFlush(RedisDialect.command(channel.alloc(), "SUBSCRIBE", roomName(room)));
            } else {
                subscribed.completeExceptionally(done.cause());
            }
        });
        return subscribed;
    }
}
