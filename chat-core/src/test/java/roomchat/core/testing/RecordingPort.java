package roomchat.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import roomchat.core.event.Notice;
import roomchat.core.room.MemberPort;

/**
 * A member reached through no transport at all: it keeps every notice it is sent, for tests of the
 * domain's rules. It always takes more, and runs the work meant for its thread at once.
 */
public final class RecordingPort implements MemberPort {

    private final List<Notice> notices = new ArrayList<>();

    @Override
    public synchronized void deliver(Notice notice) {
        notices.add(notice);
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public Executor executor() {
        return Runnable::run;
    }

    /** The notices sent so far, oldest first, which are forgotten. */
    public synchronized List<Notice> take() {
        List<Notice> taken = List.copyOf(notices);
        notices.clear();
        return taken;
    }
}
