package roomchat.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import roomchat.core.event.Notice;
import roomchat.core.room.RoomChange;

/**
 * What the server answers the one who typed a line: zero or more notices, whether to close the
 * connection once they are sent, and what to do once they are written. The door renders them in
 * its own format.
 */
public record Reply(List<Notice> notices, boolean close, Runnable then) {

    /** Nothing to do once the answer is written. */
    private static final Runnable NOTHING = () -> { };

    public Reply {
        notices = List.copyOf(notices);
    }

    /** These notices, and whether to close, with nothing to do after. */
    public Reply(List<Notice> notices, boolean close) {
        this(notices, close, NOTHING);
    }

    /** This answer, running {@code after} once it is written (see {@link RoomChange.Moved#admission}). */
    Reply andThen(Runnable after) {
        return new Reply(notices, close, after);
    }

    /** No answer at all. */
    public static final Reply NONE = new Reply(List.of(), false);

    /** No answer at all, already given: what most lines of chat come to. */
    public static final CompletionStage<Reply> NONE_NOW = CompletableFuture.completedFuture(NONE);

    /** This answer, given now. */
    public CompletionStage<Reply> now() {
        return CompletableFuture.completedFuture(this);
    }

    /** Notices to send, keeping the connection open. */
    public static Reply of(Notice... notices) {
        return new Reply(List.of(notices), false);
    }

    /** These notices, then more, keeping the connection open. */
    public static Reply of(List<Notice> first, Notice... more) {
        List<Notice> notices = new ArrayList<>(first);
        notices.addAll(List.of(more));
        return new Reply(notices, false);
    }

    /** One error, keeping the connection open. */
    public static Reply error(String text) {
        return of(new Notice.Error(text));
    }

    /** A goodbye, then close the connection. */
    public static Reply closing(String why) {
        return new Reply(List.of(new Notice.Goodbye(why)), true);
    }
}
