package roomchat.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when Netty's leak detector reports a buffer that was never released. Every
 * test class of both modules gets it (registered through the service loader, with JUnit's
 * extension auto-detection on); the build runs the detector at PARANOID, so every buffer is
 * tracked. Leaks are found when a leaked buffer has been garbage-collected, so after each class
 * this collects garbage and allocates a few buffers, which is when the detector reports.
 */
public final class NettyLeakCheck implements AfterAllCallback {

    private static final LeakRecorder RECORDER = install();

    private static LeakRecorder install() {
        LeakRecorder recorder = new LeakRecorder();
        recorder.start();
        ((Logger) LoggerFactory.getLogger(ResourceLeakDetector.class)).addAppender(recorder);
        return recorder;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 64; i++) {
                ByteBufAllocator.DEFAULT.buffer(8).release();
            }
        }
        List<String> leaks = RECORDER.takeReports();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " leaked buffer(s) by the end of "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    /** Keeps every leak report the detector logs. */
    private static final class LeakRecorder extends AppenderBase<ILoggingEvent> {
        private final List<String> reports = new ArrayList<>();

        @Override
        protected synchronized void append(ILoggingEvent event) {
            if (event.getFormattedMessage().contains("LEAK:")) {
                reports.add(event.getFormattedMessage());
            }
        }

        synchronized List<String> takeReports() {
            List<String> taken = new ArrayList<>(reports);
            reports.clear();
            return taken;
        }
    }
}
