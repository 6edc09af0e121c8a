package roomchat.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts servers the way users do, through the project's start script (so that what is measured
 * carries the script's JVM flags), on the tool's own JVM, listening on a free loopback port.
 *
 * @param script   the start script
 * @param jvmFlags    JVM flags in place of the script's own, or null to keep them
 * @param serverFlags flags every server gets after the tool's own (such as {@code --history-db FILE})
 */
record ServerLauncher(Path script, String jvmFlags, List<String> serverFlags) {

    ServerLauncher(Path script, String jvmFlags) {
        this(script, jvmFlags, List.of());
    }

    ServerProcess start(List<String> serverArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(script.toString(),
                "--host", "127.0.0.1", "--port", "0", "--http-port", "0"));
        command.addAll(serverArgs);
        command.addAll(serverFlags);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (jvmFlags != null) {
            builder.environment().put("JAVA_OPTS", jvmFlags);
        }
        return ServerProcess.start(builder);
    }
}
