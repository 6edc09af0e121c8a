package roomchat.bench;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code java -jar chat-bench.jar run|idle|suite|cluster|fan-out ...}: the load tool. */
@Command(name = "chat-bench", mixinStandardHelpOptions = true, version = "roomchat 0.1.0",
        subcommands = {BenchMain.Run.class, BenchMain.Idle.class, BenchMain.SuiteCommand.class,
                BenchMain.ClusterCommand.class, BenchMain.FanOutCommand.class},
        description = "Drives chat clients over real TCP sockets (and, for listeners, the gRPC door if asked) against"
                + " a roomchat server, or the nodes of a cluster, and measures it.")
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** How the commands that start servers of their own start them. */
    static class Launch {
        @Option(names = "--server-script", defaultValue = "chat-server/bin/roomchat-server",
                description = "The server's start script (default: ${DEFAULT-VALUE}).")
        Path script;

        @Option(names = "--jvm-flags",
                description = "JVM flags for the server, in place of the start script's own (\"\" for the JVM's defaults).")
        String jvmFlags;

        @Option(names = "--server-flag", paramLabel = "FLAG",
                description = "A flag for every server started, after the tool's own; repeat it for each word,"
                        + " e.g. --server-flag=--history-db --server-flag=/tmp/bench-history.db (default: none).")
        List<String> serverFlags = new ArrayList<>();

        ServerLauncher launcher() {
            return new ServerLauncher(script, jvmFlags, serverFlags);
        }
    }

    /** What every subcommand shares. */
    static class Common {
        @Option(names = "--client-threads", defaultValue = "2", description = "The tool's event-loop threads (default: ${DEFAULT-VALUE}).")
        int clientThreads;

        @Option(names = "--json", description = "Also write the results to this file as JSON.")
        Path json;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "One workload against a running server, or the running nodes of a cluster (--node, repeated).")
    static final class Run extends Common implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "The server's host, without --node.") String host;
        @Option(names = "--port", defaultValue = "8080", description = "The server's port, without --node.") int port;
        @Option(names = "--node", paramLabel = "HOST:PORT",
                description = "A cluster node's address, once per node; clients are spread over them round robin"
                        + " (in place of --host and --port).")
        List<String> nodes = new ArrayList<>();
        @Option(names = "--server-pid", paramLabel = "PID",
                description = "The server's process id, to measure its CPU and memory; with --node, once per node in the same order.")
        List<Long> pids = new ArrayList<>();
        @Option(names = "--redis-pid", paramLabel = "PID", description = "The cluster's Redis process id, to measure its CPU.")
        Long redisPid;
        @Option(names = "--rooms", defaultValue = "1") int rooms;
        @Option(names = "--clients-per-room", defaultValue = "50") int clientsPerRoom;
        @Option(names = "--senders-per-room", defaultValue = "5") int sendersPerRoom;
        @Option(names = "--lines", defaultValue = "2000", description = "Lines per sender, measured.") int lines;
        @Option(names = "--rate", defaultValue = "0", description = "Lines/s per sender; 0 = as fast as --window allows.") int rate;
        @Option(names = "--window", defaultValue = "64", description = "Lines a sender may have on their way.") int window;
        @Option(names = "--warmup", defaultValue = "500", description = "Lines per sender before measuring.") int warmup;
        @Option(names = "--time-limit", defaultValue = "180", description = "Seconds the measured phase may take.") int timeLimit;
        @Option(names = "--staggered", description = "At a fixed rate, sender i of n starts i/n of a period late"
                + " (the senders take turns) instead of every sender's clock starting together.") boolean staggered;
        @Option(names = "--receivers", defaultValue = "tcp", paramLabel = "tcp|grpc|mixed",
                description = "Which door the listeners (members that do not send) come through: tcp (as nc users),"
                        + " grpc (typed events on the server's gRPC door), or mixed (every other one from the"
                        + " room's last); senders always on TCP (default: ${DEFAULT-VALUE}).")
        Receivers receivers;
        @Option(names = "--grpc-port", defaultValue = "8082",
                description = "The server's gRPC port on --host, for gRPC receivers (default: ${DEFAULT-VALUE}).")
        int grpcPort;
        @Option(names = "--grpc-node", paramLabel = "HOST:PORT",
                description = "With --node: a node's gRPC address, once per node in the same order, for gRPC receivers.")
        List<String> grpcNodes = new ArrayList<>();
        @Mixin GrpcPacking packing;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Workload workload = new Workload("run", rooms, clientsPerRoom, sendersPerRoom, lines, rate, window, warmup,
                    Duration.ofSeconds(timeLimit), staggered ? Workload.Start.STAGGERED : Workload.Start.TOGETHER);
            List<InetSocketAddress> addresses = nodes.isEmpty() ? List.of(new InetSocketAddress(host, port))
                    : nodes.stream().map(BenchMain::address).toList();
            if (!pids.isEmpty() && pids.size() != addresses.size()) {
                throw new ParameterException(spec.commandLine(), "--server-pid: one per node (" + addresses.size() + ")");
            }
            if (redisPid != null && pids.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--redis-pid goes with the nodes' --server-pid");
            }
            Probes probes = new Probes(pids.stream().map(ProcessProbe::new).toList(),
                    redisPid == null ? null : new ProcessProbe(redisPid));
            ReceiverDoors doors = doors(addresses.size());
            try (ClientTransport transport = new ClientTransport(clientThreads)) {
                Result result = new LoadRun(addresses, workload, transport.group, transport.channelType, probes, doors)
                        .run();
                Report.print(result);
                if (json != null) {
                    Report.writeJson(json, result);
                }
                return result.clean() ? 0 : 1;
            }
        }

        private ReceiverDoors doors(int nodeCount) {
            if (receivers == Receivers.TCP) {
                return ReceiverDoors.tcp();
            }
            List<InetSocketAddress> grpcDoors = nodes.isEmpty() ? List.of(new InetSocketAddress(host, grpcPort))
                    : grpcNodes.stream().map(BenchMain::address).toList();
            if (grpcDoors.size() != nodeCount) {
                throw new ParameterException(spec.commandLine(), "--grpc-node: one per node (" + nodeCount + ")");
            }
            return new ReceiverDoors(receivers, grpcDoors, packing.callsPerConnection);
        }
    }

    /** How gRPC receivers share their HTTP/2 connections. */
    static class GrpcPacking {
        @Option(names = "--grpc-calls-per-connection", defaultValue = "" + ReceiverDoors.DEFAULT_CALLS_PER_CONNECTION,
                description = "gRPC receivers (calls) per HTTP/2 connection, as a bot farm packs them; at most the"
                        + " server's --grpc-max-calls-per-connection, else the extra calls wait (default: ${DEFAULT-VALUE},"
                        + " the server's default).")
        int callsPerConnection;
    }

    @Command(name = "idle", mixinStandardHelpOptions = true,
            description = "Hold many named connections to a server this command starts; report memory per connection.")
    static final class Idle extends Common implements Callable<Integer> {
        @Mixin Launch launch;
        @Option(names = "--connections", defaultValue = "5000") int connections;
        @Option(names = "--hold", defaultValue = "10", description = "Seconds to hold them idle.") int hold;

        @Override
        public Integer call() throws Exception {
            try (ClientTransport transport = new ClientTransport(clientThreads);
                 ServerProcess server = launch.launcher().start(Suite.SERVER_ARGS)) {
                IdleRun.IdleResult result = new IdleRun(server.address(), transport.group, transport.channelType, server)
                        .run(connections, Duration.ofSeconds(hold));
                Report.print(result);
                if (json != null) {
                    Report.writeJson(json, result);
                }
                return 0;
            }
        }
    }

    @Command(name = "suite", mixinStandardHelpOptions = true,
            description = {"The standard workloads (fan-out, fan-out cold (no warm-up), rooms, steady with the senders'"
                    + " clocks starting together, steady staggered, idle 5,000 and 19,000 in rooms of 50), each on a"
                    + " fresh server.",
                    "With --nodes N (more than 1) or --cluster: each on a fresh cluster instead, N nodes started with"
                            + " --redis and --node-id node<i> on a redis-server of their own (/usr/bin/redis-server),"
                            + " clients spread over the nodes round robin; the idle workloads then run only on one node.",
                    "With --reference redis: every workload also runs on Redis pub/sub (/usr/bin/redis-server"
                            + " started by the tool on a free loopback port, persistence off, fresh for each run), taking"
                            + " turns with the server; members SUBSCRIBE to a channel per room, each sender PUBLISHes on"
                            + " a connection of its own; idle connections SUBSCRIBE, 50 to a channel room<i>. A table of medians"
                            + " with the ratios server/Redis ends the output (CPU per delivery, p50, p99, memory per idle"
                            + " connection); Redis's cold run is its fan-out with no warm-up (it compiles nothing)."})
    static final class SuiteCommand extends Common implements Callable<Integer> {
        @Mixin Launch launch;
        @Option(names = "--nodes", defaultValue = "1",
                description = "Server processes; more than 1 makes a cluster on a Redis started for it (default: ${DEFAULT-VALUE}).")
        int nodes;
        @Option(names = "--cluster",
                description = "Start the nodes with Redis even when --nodes is 1 (a single clustered node).")
        boolean cluster;
        @Option(names = "--runs", defaultValue = "3", description = "Runs of each workload, each on a fresh server; the table gives their medians (default: ${DEFAULT-VALUE}).") int runs;
        @Option(names = "--scale", defaultValue = "1.0", description = "Multiplies lines and connections (a smoke run: 0.05).") double scale;
        @Option(names = "--hold", defaultValue = "10", description = "Seconds to hold idle connections.") int hold;
        @Option(names = "--reference", paramLabel = "redis",
                description = "Also run every workload on this reference, taking turns with the server: only"
                        + " \"redis\" (Redis pub/sub on a redis-server the tool starts).")
        String reference;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (nodes < 1) {
                throw new ParameterException(spec.commandLine(), "--nodes must be at least 1");
            }
            if (reference != null && !reference.equals(ReferenceComparison.REDIS)) {
                throw new ParameterException(spec.commandLine(), "--reference: only \"redis\", not \"" + reference + "\"");
            }
            Topology topology = nodes > 1 || cluster ? Topology.cluster(nodes) : Topology.single();
            List<Object> results = new Suite(launch.launcher(), topology, clientThreads, runs, reference != null)
                    .run(scale, Duration.ofSeconds(hold));
            if (json != null) {
                Report.writeJson(json, results);
            }
            boolean clean = results.stream().allMatch(r -> !(r instanceof Result result) || result.clean());
            return clean ? 0 : 1;
        }
    }

    @Command(name = "cluster", mixinStandardHelpOptions = true,
            description = {"Fan-out and steady on one server on its own (no Redis) and on a cluster of --nodes nodes"
                    + " with their Redis (/usr/bin/redis-server), all on this machine, the two taking turns, each run"
                    + " on fresh processes; then a table of the medians side by side with the ratios the targets bound:"
                    + " steady p99 on the cluster at most 2 times the single server's, each node's CPU per delivery"
                    + " (per delivery that node makes) at most 1.5 times.",
                    "Clients are spread over the nodes round robin, so most lines cross nodes. CPU is read from /proc"
                            + " for every node and for Redis."})
    static final class ClusterCommand extends Common implements Callable<Integer> {
        @Mixin Launch launch;
        @Option(names = "--nodes", defaultValue = "3", description = "Nodes of the cluster, at least 2 (default: ${DEFAULT-VALUE}).")
        int nodes;
        @Option(names = "--runs", defaultValue = "3",
                description = "Runs of each workload on each, the table giving their medians (default: ${DEFAULT-VALUE}).")
        int runs;
        @Option(names = "--scale", defaultValue = "1.0", description = "Multiplies lines (a smoke run: 0.05).") double scale;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (nodes < 2) {
                throw new ParameterException(spec.commandLine(), "--nodes must be at least 2");
            }
            List<Object> results = new ClusterComparison(launch.launcher(), nodes, clientThreads, runs).run(scale);
            if (json != null) {
                Report.writeJson(json, results);
            }
            boolean clean = results.stream().allMatch(r -> !(r instanceof Result result) || result.clean());
            return clean ? 0 : 1;
        }
    }

    @Command(name = "fan-out", mixinStandardHelpOptions = true,
            description = {"The suite's fan-out (1 room of 50, 5 senders, 2,000 lines each after a 20,000-line warm-up,"
                    + " window 64), and with --with-rooms its rooms workload (10 rooms of 20, 2 senders), with the"
                    + " listeners (the members that do not send) on each door given by --receivers: tcp (nc users),"
                    + " grpc (the server's gRPC door: one Chat.Session call each, typed name and room commands,"
                    + " typed said events counted and order-checked as the TCP lines are), or mixed (every other"
                    + " listener on gRPC, counting back from the room's last, the probe that paces the senders)."
                    + " Senders always speak TCP.",
                    "Each run on a fresh server started by the script with its gRPC door on a free port and"
                            + " --grpc-max-calls-per-connection set to --grpc-calls-per-connection; the kinds take turns"
                            + " run by run; the medians of each, and with several kinds a Markdown table side by side"
                            + " with the ratios to the first kind given (deliveries/s, server CPU per delivery, p50, p99)."})
    static final class FanOutCommand extends Common implements Callable<Integer> {
        @Mixin Launch launch;
        @Option(names = "--receivers", split = ",", defaultValue = "tcp", paramLabel = "tcp|grpc|mixed",
                description = "The kinds of listeners, comma-separated, each measured (default: ${DEFAULT-VALUE}).")
        List<Receivers> receivers;
        @Mixin GrpcPacking packing;
        @Option(names = "--with-rooms", description = "Also the rooms workload.") boolean withRooms;
        @Option(names = "--runs", defaultValue = "3",
                description = "Runs of each workload for each kind, the table giving their medians (default: ${DEFAULT-VALUE}).")
        int runs;
        @Option(names = "--scale", defaultValue = "1.0", description = "Multiplies lines (a smoke run: 0.05).") double scale;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (receivers.stream().distinct().count() != receivers.size()) {
                throw new ParameterException(spec.commandLine(), "--receivers: each kind once");
            }
            if (packing.callsPerConnection < 1) {
                throw new ParameterException(spec.commandLine(), "--grpc-calls-per-connection must be at least 1");
            }
            List<Workload> workloads = withRooms ? List.of(Suite.fanOut(scale), Suite.rooms(scale))
                    : List.of(Suite.fanOut(scale));
            List<Object> results = new ReceiverComparison(launch.launcher(), receivers, packing.callsPerConnection,
                    clientThreads, runs).run(workloads);
            if (json != null) {
                Report.writeJson(json, results);
            }
            boolean clean = results.stream().allMatch(r -> !(r instanceof Result result) || result.clean());
            return clean ? 0 : 1;
        }
    }

    /** {@code HOST:PORT} as an address. */
    static InetSocketAddress address(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not HOST:PORT: " + hostAndPort);
        }
        return new InetSocketAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    }
}
