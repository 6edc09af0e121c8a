package roomchat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.LineEncoder;
import io.netty.handler.codec.string.LineSeparator;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.util.CharsetUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens many named connections and holds them, to measure what an idle user costs the server: its
 * resident memory per connection, and its CPU while nobody says anything. Source addresses are
 * spread over 127.0.0.x so that the number of connections is not bounded by one address's
 * ephemeral ports.
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

    private static final int SOURCE_ADDRESSES = 50;
    private static final int BATCH = 500;

    private final InetSocketAddress server;
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private final ServerProcess serverProcess;

    IdleRun(InetSocketAddress server, EventLoopGroup group, Class<? extends Channel> channelType, ServerProcess serverProcess) {
        this.server = server;
        this.group = group;
        this.channelType = channelType;
        this.serverProcess = serverProcess;
    }

    IdleResult run(int connections, Duration hold) throws Exception {
        ProcessProbe probe = serverProcess.probe();
        Gc.run(serverProcess.pid());
        long before = probe.residentKiB();
        List<Channel> open = new ArrayList<>(connections);
        try {
            for (int first = 0; first < connections; first += BATCH) {
                List<CompletableFuture<String>> welcomes = new ArrayList<>();
                for (int i = first; i < Math.min(first + BATCH, connections); i++) {
                    welcomes.add(connect(i, open));
                }
                CompletableFuture.allOf(welcomes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
            Gc.run(serverProcess.pid());
            double cpuBefore = probe.cpuSeconds();
            long start = System.nanoTime();
            Thread.sleep(hold.toMillis()); // Holding idle connections is the measurement itself.
            double idleCpu = probe.cpuSeconds() - cpuBefore;
            double held = (System.nanoTime() - start) / 1e9;
            long after = probe.residentKiB();
            return new IdleResult("idle " + connections, connections, before, after,
                    (after - before) / (double) connections, idleCpu, held);
        } finally {
            open.forEach(Channel::close);
        }
    }

    private CompletableFuture<String> connect(int i, List<Channel> open) {
        BenchClient client = new BenchClient("idle" + i, i, (c, phase, sender, seq, sent) -> { });
        InetSocketAddress source = new InetSocketAddress("127.0.0." + (1 + i % SOURCE_ADDRESSES), 0);
        CompletableFuture<String> prompt = client.expect(line -> line.startsWith("* choose a screen name"));
        ChannelFuture connected = new Bootstrap().group(group).channel(channelType)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(new LineBasedFrameDecoder(LoadRun.MAX_LINE))
                                .addLast(new StringDecoder(CharsetUtil.UTF_8))
                                .addLast(new LineEncoder(LineSeparator.UNIX, CharsetUtil.UTF_8))
                                .addLast(client);
                    }
                })
                .connect(server, source);
        open.add(connected.channel());
        return prompt.thenCompose(line -> {
            CompletableFuture<String> welcome = client.expect(l -> l.startsWith("* type :h"));
            client.send(client.name);
            return welcome;
        });
    }
}
