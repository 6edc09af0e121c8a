package roomchat.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar chat-bench.jar run|idle|suite ...}: the load tool. */
@Command(name = "chat-bench", mixinStandardHelpOptions = true, version = "roomchat 0.1.0",
        subcommands = {BenchMain.Run.class, BenchMain.Idle.class, BenchMain.SuiteCommand.class},
        description = "Drives chat clients over real TCP sockets against a roomchat server and measures it.")
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
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

        ServerLauncher launcher() {
            return new ServerLauncher(script, jvmFlags);
        }
    }

    /** What every subcommand shares. */
    static class Common {
        @Option(names = "--client-threads", defaultValue = "2", description = "The tool's event-loop threads (default: ${DEFAULT-VALUE}).")
        int clientThreads;

        @Option(names = "--json", description = "Also write the results to this file as JSON.")
        Path json;
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "One workload against a running server.")
    static final class Run extends Common implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "127.0.0.1") String host;
        @Option(names = "--port", defaultValue = "8080") int port;
        @Option(names = "--server-pid", description = "The server's process id, to measure its CPU and memory.") Long pid;
        @Option(names = "--rooms", defaultValue = "1") int rooms;
        @Option(names = "--clients-per-room", defaultValue = "50") int clientsPerRoom;
        @Option(names = "--senders-per-room", defaultValue = "5") int sendersPerRoom;
        @Option(names = "--lines", defaultValue = "2000", description = "Lines per sender, measured.") int lines;
        @Option(names = "--rate", defaultValue = "0", description = "Lines/s per sender; 0 = as fast as --window allows.") int rate;
        @Option(names = "--window", defaultValue = "64", description = "Lines a sender may have on their way.") int window;
        @Option(names = "--warmup", defaultValue = "500", description = "Lines per sender before measuring.") int warmup;
        @Option(names = "--time-limit", defaultValue = "180", description = "Seconds the measured phase may take.") int timeLimit;

        @Override
        public Integer call() throws Exception {
            Workload workload = new Workload("run", rooms, clientsPerRoom, sendersPerRoom, lines, rate, window, warmup,
                    Duration.ofSeconds(timeLimit));
            try (ClientTransport transport = new ClientTransport(clientThreads)) {
                Result result = new LoadRun(new java.net.InetSocketAddress(host, port), workload, transport.group,
                        transport.channelType, pid == null ? null : new ProcessProbe(pid)).run();
                Report.print(result);
                if (json != null) {
                    Report.writeJson(json, result);
                }
                return result.clean() ? 0 : 1;
            }
        }
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
            description = "The standard workloads (fan-out, rooms, steady, idle 5,000 and 19,000), each on a fresh server.")
    static final class SuiteCommand extends Common implements Callable<Integer> {
        @Mixin Launch launch;
        @Option(names = "--runs", defaultValue = "3", description = "Runs of each workload, each on a fresh server; the table gives their medians (default: ${DEFAULT-VALUE}).") int runs;
        @Option(names = "--scale", defaultValue = "1.0", description = "Multiplies lines and connections (a smoke run: 0.05).") double scale;
        @Option(names = "--hold", defaultValue = "10", description = "Seconds to hold idle connections.") int hold;

        @Override
        public Integer call() throws Exception {
            List<Object> results = new Suite(launch.launcher(), clientThreads, runs).run(scale, Duration.ofSeconds(hold));
            if (json != null) {
                Report.writeJson(json, results);
            }
            boolean clean = results.stream().allMatch(r -> !(r instanceof Result result) || result.clean());
            return clean ? 0 : 1;
        }
    }
}
