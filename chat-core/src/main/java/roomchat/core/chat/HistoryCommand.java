package roomchat.core.chat;

import java.util.List;
import java.util.concurrent.CompletionStage;
import roomchat.core.broker.Broker;
import roomchat.core.command.Command;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.history.HistoryStore;
import roomchat.core.room.Member;
import roomchat.core.room.Room;

/**
 * {@code :history [lines] [before]}: the asker's room's last lines (below seq {@code before} when
 * named: older than what a page shows), to the asker only, marked as asked for
 * ({@link Notice.History#requested}). From the durable store when there is one (it keeps more than
 * memory, and across restarts); else from what the broker keeps in memory for newcomers, which is
 * at most {@code --history} lines.
 */
final class HistoryCommand {

    private final Broker broker;
    private final HistoryStore store;

    HistoryCommand(Broker broker, HistoryStore store) {
        this.broker = broker;
        this.store = store;
    }

    /** Runs on the asker's event loop; a durable store answers later, on its own thread. */
    CompletionStage<Reply> show(Member member, Command.ShowHistory command) {
        Room room = member.room();
        if (room == null) {
            return Reply.error("you are in no room").now();
        }
        if (store.durable()) {
            return store.recent(room.key(), command.lines(), command.before())
                    .thenApply(events -> Reply.of(new Notice.History(room.name(), events, true, command.before())));
        }
        List<RoomEvent> older = below(broker.history(room, Long.MAX_VALUE), command.before());
        List<RoomEvent> last = older.subList(Math.max(0, older.size() - command.lines()), older.size());
        return Reply.of(new Notice.History(room.name(), last, true, command.before())).now();
    }

    /** The leading events of {@code kept} (oldest first, so in order of seq) numbered below {@code before}. */
    private static List<RoomEvent> below(List<RoomEvent> kept, long before) {
        int end = kept.size();
        while (end > 0 && kept.get(end - 1).seq() >= before) {
            end--;
        }
        return kept.subList(0, end);
    }
}
