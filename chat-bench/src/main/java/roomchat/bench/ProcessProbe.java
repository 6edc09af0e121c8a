package roomchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a process's CPU time and resident memory from Linux's /proc, so that the server is measured
 * from outside, as any process would be.
 */
final class ProcessProbe {

    /** Linux reports CPU time in clock ticks; 100 a second on every common kernel configuration. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;

    ProcessProbe(long pid) {
        this.pid = pid;
    }

    /** User plus system CPU seconds used so far. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // Fields after the command name (which is in parentheses and may hold spaces).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long userTicks = Long.parseLong(fields[11]);
        long systemTicks = Long.parseLong(fields[12]);
        return (userTicks + systemTicks) / TICKS_PER_SECOND;
    }

    /** Resident memory in KiB. */
    long residentKiB() throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"));
        for (String line : status) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }
}
