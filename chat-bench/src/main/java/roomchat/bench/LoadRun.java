package roomchat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link Workload} against a server, or against the nodes of a cluster: connects and names
 * every client, puts them in their rooms, runs a warm-up phase, then the measured phase, and reports
 * deliveries, loss, order, latency and (given the servers' processes) CPU and memory. On a cluster
 * the clients are spread over the nodes round robin (client i of the whole run on node i mod N), so
 * that most lines, and the latencies measured, cross nodes. The same loop drives Redis pub/sub as the
 * reference: its {@link Dialect} is the only difference. Listeners may come through the server's gRPC
 * door instead ({@link ReceiverDoors}); what they receive is counted by the same code as TCP lines.
 *
 * <p>Each room's last member is its probe: when it receives a sender's line, that sender may send one
 * more (its window). <b>Threads:</b> the measuring thread connects, starts the phases and reports;
 * every receipt is counted on its receiver's event loop (each receiver's {@link Tally} is confined to
 * it); each sender runs on its channel's loop.
 */
final class LoadRun {

    static final int MAX_LINE = 64 * 1024;
    private static final int WARMUP = 0;
    private static final int MEASURED = 1;
    static final long SETUP_SECONDS = 60;
    /**
     * How far ahead of now a fixed-rate phase's common start instant lies: long enough for every
     * sender's event loop to pick its start up before it, so that no sender starts late.
     */
    private static final long START_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final List<InetSocketAddress> nodes;
    private final Workload workload;
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private final Probes probes;
    private final Dialect dialect;
    private final ReceiverDoors doors;
    private final List<Channel> channels = new ArrayList<>();
    /** The gRPC receivers' calls and connections; null when every member is on TCP. */
    private final GrpcConnections grpc;
    private final Sender[] senders;
    private final Tally[] tallies;
    private final int[] warmupSeen;
    private volatile CountDownLatch phaseDone;
    private volatile int phase;

    /** Against one server; {@code serverProcess} may be null (nothing measured). */
    LoadRun(InetSocketAddress server, Workload workload, EventLoopGroup group, Class<? extends Channel> channelType,
            ProcessProbe serverProcess) {
        this(List.of(server), workload, group, channelType, Probes.of(serverProcess), ChatDialect.INSTANCE);
    }

    /** Against the nodes at {@code nodes}, speaking the chat's protocol; see the next constructor. */
    LoadRun(List<InetSocketAddress> nodes, Workload workload, EventLoopGroup group, Class<? extends Channel> channelType,
            Probes probes) {
        this(nodes, workload, group, channelType, probes, ChatDialect.INSTANCE);
    }

    /**
     * Against the nodes at {@code nodes}, their clients speaking {@code dialect}; {@code probes} measures
     * them (in the same order) and their Redis, if given.
     */
    LoadRun(List<InetSocketAddress> nodes, Workload workload, EventLoopGroup group, Class<? extends Channel> channelType,
            Probes probes, Dialect dialect) {
        this(nodes, workload, group, channelType, probes, dialect, ReceiverDoors.tcp());
    }

    /**
     * Against the nodes at {@code nodes}, speaking the chat's protocol, the listeners coming through
     * {@code doors}; {@code probes} as above.
     */
    LoadRun(List<InetSocketAddress> nodes, Workload workload, EventLoopGroup group, Class<? extends Channel> channelType,
            Probes probes, ReceiverDoors doors) {
        this(nodes, workload, group, channelType, probes, ChatDialect.INSTANCE, doors);
    }

    private LoadRun(List<InetSocketAddress> nodes, Workload workload, EventLoopGroup group,
                    Class<? extends Channel> channelType, Probes probes, Dialect dialect, ReceiverDoors doors) {
        if (nodes.isEmpty() || (probes.measured() && probes.nodes().size() != nodes.size())) {
            throw new IllegalArgumentException("one probe per node, or none: " + nodes + ", " + probes);
        }
        if (doors.grpc() && (dialect != ChatDialect.INSTANCE || doors.grpcDoors().size() != nodes.size())) {
            throw new IllegalArgumentException("gRPC receivers: only on the chat, one gRPC address per node: "
                    + doors.grpcDoors() + " for " + nodes);
        }
        this.nodes = List.copyOf(nodes);
        this.workload = workload;
        this.group = group;
        this.channelType = channelType;
        this.probes = probes;
        this.dialect = dialect;
        this.doors = doors;
        this.grpc = doors.grpc() ? new GrpcConnections(group, channelType, doors.callsPerConnection()) : null;
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
            if (grpc != null) {
                grpc.close();
            }
            for (Channel channel : channels) {
                channel.close();
            }
        }
    }

    /** Members that joined through the gRPC door (0 with every member on TCP). */
    int grpcReceivers() {
        return grpc == null ? 0 : grpc.calls();
    }

    private void connectAndJoin() throws Exception {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true);
        for (int room = 0; room < workload.rooms(); room++) {
            for (int i = 0; i < workload.clientsPerRoom(); i++) {
                int index = room * workload.clientsPerRoom() + i;
                tallies[index] = new Tally(senders.length);
                Dialect.Member member = new Dialect.Member("r" + room + "c" + i, index, room, i == 0);
                if (doors.receivers().overGrpc(i, workload.clientsPerRoom(), workload.sendersPerRoom())) {
                    grpc.join(doors.grpcDoors().get(index % nodes.size()), member, this::received);
                    continue;
                }
                Channel channel = dialect.join(bootstrap, nodeOf(index), member, this::received);
                channels.add(channel);
                if (i < workload.sendersPerRoom()) {
                    Channel senderChannel = dialect.senderChannel(bootstrap, nodeOf(index), member, channel);
                    if (senderChannel != channel) {
                        channels.add(senderChannel);
                    }
                    int id = room * workload.sendersPerRoom() + i;
                    senders[id] = new Sender(senderChannel, dialect, room, id, workload.window());
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

    /** Sends a phase's lines and waits until every receiver has them all, or the time limit. */
    private boolean runPhase(int newPhase, int lines, int rate) throws InterruptedException {
        if (lines == 0) {
            return true;
        }
        phase = newPhase;
        phaseDone = new CountDownLatch(tallies.length);
        long startNanos = System.nanoTime() + START_LEAD_NANOS;
        for (int i = 0; i < senders.length; i++) {
            SendSchedule schedule = rate == 0 ? null
                    : SendSchedule.of(workload.start(), startNanos, rate, i, senders.length);
            senders[i].start(newPhase, lines, schedule);
        }
        return phaseDone.await(workload.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every receiver's benchmark line, on the receiver's event loop. */
    private void received(int receiver, int linePhase, int sender, int seq, long sentNanos) {
        long latency = System.nanoTime() - sentNanos;
        int roomOfSender = sender / workload.sendersPerRoom();
        boolean probe = receiver == (roomOfSender + 1) * workload.clientsPerRoom() - 1;
        if (probe) {
            senders[sender].seen();
        }
        if (linePhase != phase) {
            return;
        }
        Tally tally = tallies[receiver];
        if (linePhase == MEASURED) {
            tally.record(sender, seq, latency);
        }
        int lines = linePhase == MEASURED ? workload.linesPerSender() : workload.warmupLines();
        boolean ownLinesSkipped = isSender(receiver) && !dialect.echoesOwnLines();
        int expected = (workload.sendersPerRoom() - (ownLinesSkipped ? 1 : 0)) * lines;
        int count = linePhase == MEASURED ? tally.received() : ++warmupSeen[receiver];
        if (count == expected) {
            phaseDone.countDown();
        }
    }

    private boolean isSender(int client) {
        return client % workload.clientsPerRoom() < workload.sendersPerRoom();
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
        return new Result(workload.name(), workload.expectedDeliveries(dialect.echoesOwnLines()), received, outOfOrder, seconds,
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
