package roomchat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.LineEncoder;
import io.netty.handler.codec.string.LineSeparator;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.util.CharsetUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link Workload} against a server, or against the nodes of a cluster: connects and names
 * every client, puts them in their rooms, runs a warm-up phase, then the measured phase, and reports
 * deliveries, loss, order, latency and (given the servers' processes) CPU and memory. On a cluster
 * the clients are spread over the nodes round robin (client i of the whole run on node i mod N), so
 * that most lines, and the latencies measured, cross nodes.
 */
final class LoadRun {

    static final int MAX_LINE = 64 * 1024;
    private static final int WARMUP = 0;
    private static final int MEASURED = 1;
    private static final long SETUP_SECONDS = 60;

    private final List<InetSocketAddress> nodes;
    private final Workload workload;
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private final Probes probes;
    private final List<BenchClient> clients = new ArrayList<>();
    private final Sender[] senders;
    private final Tally[] tallies;
    private final int[] warmupSeen;
    private volatile CountDownLatch phaseDone;
    private volatile int phase;

    /** Against one server; {@code serverProcess} may be null (nothing measured). */
    LoadRun(InetSocketAddress server, Workload workload, EventLoopGroup group, Class<? extends Channel> channelType,
            ProcessProbe serverProcess) {
        this(List.of(server), workload, group, channelType, Probes.of(serverProcess));
    }

    /** Against the nodes at {@code nodes}; {@code probes} measures them (in the same order) and their Redis, if given. */
    LoadRun(List<InetSocketAddress> nodes, Workload workload, EventLoopGroup group, Class<? extends Channel> channelType,
            Probes probes) {
        if (nodes.isEmpty() || (probes.measured() && probes.nodes().size() != nodes.size())) {
            throw new IllegalArgumentException("one probe per node, or none: " + nodes + ", " + probes);
        }
        this.nodes = List.copyOf(nodes);
        this.workload = workload;
        this.group = group;
        this.channelType = channelType;
        this.probes = probes;
        int clientCount = workload.rooms() * workload.clientsPerRoom();
        this.senders = new Sender[workload.rooms() * workload.sendersPerRoom()];
        this.tallies = new Tally[clientCount];
        this.warmupSeen = new int[clientCount];
    }

    Result run() throws Exception {
        try {
            connectAndJoin();
            runPhase(WARMUP, workload.warmupLines(), 0);
            double[] cpuBefore = cpuSeconds();
            long start = System.nanoTime();
            boolean finished = runPhase(MEASURED, workload.linesPerSender(), workload.ratePerSender());
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] cpuAfter = cpuSeconds();
            if (!finished) {
                System.err.println(workload.name() + ": time limit reached before every line arrived");
            }
            return report(seconds, cpuBefore, cpuAfter);
        } finally {
            for (BenchClient client : clients) {
                if (client.channel() != null) {
                    client.channel().close();
                }
            }
        }
    }

    private void connectAndJoin() throws Exception {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true);
        for (int room = 0; room < workload.rooms(); room++) {
            for (int i = 0; i < workload.clientsPerRoom(); i++) {
                int index = room * workload.clientsPerRoom() + i;
                BenchClient client = new BenchClient("r" + room + "c" + i, index, this::received);
                clients.add(client);
                tallies[index] = new Tally(senders.length);
                var prompt = client.expect(line -> line.startsWith("* choose a screen name"));
                bootstrap.clone().handler(pipeline(client)).connect(nodeOf(index)).sync();
                login(client, prompt, room, i == 0);
                if (i < workload.sendersPerRoom()) {
                    senders[room * workload.sendersPerRoom() + i] = new Sender(client, room * workload.sendersPerRoom() + i,
                            workload.window());
                }
            }
        }
    }

    /** Where client {@code index} connects: round robin over the nodes. */
    private InetSocketAddress nodeOf(int clientIndex) {
        return nodes.get(clientIndex % nodes.size());
    }

    /** CPU seconds so far of every measured process: the nodes in order, then Redis; empty if none. */
    private double[] cpuSeconds() throws IOException {
        if (!probes.measured()) {
            return new double[0];
        }
        double[] cpu = new double[nodes.size() + 1];
        for (int i = 0; i < nodes.size(); i++) {
            cpu[i] = probes.nodes().get(i).cpuSeconds();
        }
        cpu[nodes.size()] = probes.redis() == null ? 0 : probes.redis().cpuSeconds();
        return cpu;
    }

    private static ChannelInitializer<Channel> pipeline(BenchClient client) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline()
                        .addLast(new LineBasedFrameDecoder(MAX_LINE))
                        .addLast(new StringDecoder(CharsetUtil.UTF_8))
                        .addLast(new LineEncoder(LineSeparator.UNIX, CharsetUtil.UTF_8))
                        .addLast(client);
            }
        };
    }

    private static void login(BenchClient client, Future<String> prompt, int room, boolean creator) throws Exception {
        prompt.get(SETUP_SECONDS, TimeUnit.SECONDS);
        var welcome = client.expect(line -> line.startsWith("* type :h"));
        client.send(client.name);
        welcome.get(SETUP_SECONDS, TimeUnit.SECONDS);
        var moved = client.expect(line -> line.startsWith("* you are in bench" + room));
        client.send((creator ? ":n bench" : ":cr bench") + room);
        moved.get(SETUP_SECONDS, TimeUnit.SECONDS);
    }

    /** Sends a phase's lines and waits until every receiver has them all, or the time limit. */
    private boolean runPhase(int newPhase, int lines, int rate) throws InterruptedException {
        if (lines == 0) {
            return true;
        }
        phase = newPhase;
        phaseDone = new CountDownLatch(clients.size());
        for (int i = 0; i < senders.length; i++) {
            // At a fixed rate, senders take turns evenly through each period, as independent people would, not all at once.
            senders[i].start(newPhase, lines, rate, (double) i / senders.length);
        }
        return phaseDone.await(workload.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every receiver's benchmark line, on the receiver's event loop. */
    private void received(BenchClient receiver, int linePhase, int sender, int seq, long sentNanos) {
        long latency = System.nanoTime() - sentNanos;
        int roomOfSender = sender / workload.sendersPerRoom();
        boolean probe = receiver.index == (roomOfSender + 1) * workload.clientsPerRoom() - 1;
        if (probe) {
            senders[sender].seen();
        }
        if (linePhase != phase) {
            return;
        }
        Tally tally = tallies[receiver.index];
        if (linePhase == MEASURED) {
            tally.record(sender, seq, latency);
        }
        int lines = linePhase == MEASURED ? workload.linesPerSender() : workload.warmupLines();
        int expected = (workload.sendersPerRoom() - (isSender(receiver) ? 1 : 0)) * lines;
        int count = linePhase == MEASURED ? tally.received() : ++warmupSeen[receiver.index];
        if (count == expected) {
            phaseDone.countDown();
        }
    }

    private boolean isSender(BenchClient client) {
        return client.index % workload.clientsPerRoom() < workload.sendersPerRoom();
    }

    private Result report(double seconds, double[] cpuBefore, double[] cpuAfter) throws IOException {
        long received = 0;
        long outOfOrder = 0;
        List<long[]> all = new ArrayList<>();
        int total = 0;
        for (Tally tally : tallies) {
            received += tally.received();
            outOfOrder += tally.outOfOrder();
            long[] latencies = tally.latencies();
            all.add(latencies);
            total += latencies.length;
        }
        long[] latencies = new long[total];
        int at = 0;
        for (long[] part : all) {
            System.arraycopy(part, 0, latencies, at, part.length);
            at += part.length;
        }
        Arrays.sort(latencies);
        List<Result.Node> nodeFigures = new ArrayList<>();
        Double cpu = null;
        Long rss = null;
        Double redisCpu = null;
        if (probes.measured()) {
            long[] deliveries = deliveriesPerNode();
            double cpuTotal = 0;
            long rssTotal = 0;
            for (int i = 0; i < nodes.size(); i++) {
                double nodeCpu = cpuAfter[i] - cpuBefore[i];
                long nodeRss = probes.nodes().get(i).residentKiB();
                nodeFigures.add(new Result.Node(Servers.nodeName(i), deliveries[i], nodeCpu,
                        microsPer(nodeCpu, deliveries[i]), nodeRss));
                cpuTotal += nodeCpu;
                rssTotal += nodeRss;
            }
            if (probes.redis() != null) {
                redisCpu = cpuAfter[nodes.size()] - cpuBefore[nodes.size()];
                cpuTotal += redisCpu;
            }
            cpu = cpuTotal;
            rss = rssTotal;
        }
        return new Result(workload.name(), workload.expectedDeliveries(), received, outOfOrder, seconds,
                received / seconds, percentileMs(latencies, 50), percentileMs(latencies, 90),
                percentileMs(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                cpu, cpu == null ? null : cpu / seconds, cpu == null || received == 0 ? null : microsPer(cpu, received),
                rss, nodeFigures, redisCpu, redisCpu == null || received == 0 ? null : microsPer(redisCpu, received));
    }

    /** Deliveries each node made in the measured phase: what its own clients received. */
    private long[] deliveriesPerNode() {
        long[] deliveries = new long[nodes.size()];
        for (int i = 0; i < tallies.length; i++) {
            deliveries[i % nodes.size()] += tallies[i].received();
        }
        return deliveries;
    }

    private static double microsPer(double cpuSeconds, long deliveries) {
        return deliveries == 0 ? 0 : cpuSeconds * 1e6 / deliveries;
    }

    private static double percentileMs(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
