package roomchat.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static roomchat.testing.Stages.done;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import roomchat.core.broker.LocalBroker;
import roomchat.core.chat.ChatService;
import roomchat.core.chat.NameStep;
import roomchat.core.chat.Reply;
import roomchat.core.command.Command;
import roomchat.core.command.Input;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.limit.GuessLedger;
import roomchat.core.room.HistoryBudget;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Member;
import roomchat.core.room.Room;
import roomchat.core.testing.RecordingPort;

/**
 * Rooms over a durable {@link HistoryStore}: a room made again resumes from it (numbering and lines),
 * every line kept is handed to it in order, a room that goes away leaves its lines with it, and
 * {@code :history} is answered from it. The store here is a recorder standing in for SQLite.
 */
class HistoryResumeTest {

    private static final Instant THEN = Instant.parse("2026-11-01T09:30:00Z");
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    /** Keeps what it is handed, in memory, and answers like a durable store. */
    private static final class RecordingStore implements HistoryStore {
        final Map<String, Past> pasts = new HashMap<>();
        final List<RoomEvent> appended = new ArrayList<>();
        final Map<String, List<RoomEvent>> suspended = new HashMap<>();

        @Override
        public boolean durable() {
            return true;
        }

        @Override
        public Past resume(String roomKey) {
            return pasts.getOrDefault(roomKey, Past.NONE);
        }

        @Override
        public void append(String roomKey, RoomEvent event) {
            appended.add(event);
        }

        @Override
        public void suspend(String roomKey, List<RoomEvent> recent) {
            suspended.put(roomKey, recent);
        }

        @Override
        public CompletionStage<List<RoomEvent>> recent(String roomKey, int count, long beforeSeq) {
            List<RoomEvent> all = new ArrayList<>(pasts.getOrDefault(roomKey, Past.NONE).recent());
            appended.stream().filter(e -> e.room().equalsIgnoreCase(roomKey)).forEach(all::add);
            all.removeIf(e -> e.seq() >= beforeSeq);
            return CompletableFuture.completedFuture(all.subList(Math.max(0, all.size() - count), all.size()));
        }

        @Override
        public void close() {
        }
    }

    private static RoomEvent said(String room, long seq, String actor, String text) {
        return new RoomEvent(room, seq, THEN, actor, null, new Happening.Said(text));
    }

    private final RecordingStore store = new RecordingStore();
    private final LocalBroker broker = new LocalBroker(Clock.fixed(NOW, ZoneOffset.UTC));

    private LocalRoomRegistry registry() {
        return new LocalRoomRegistry("lobby", 10, HistoryBudget.unlimited(), store);
    }

    private Member join(ChatService chat, String name) {
        NameStep step = done(chat.beforeName(new Input.ChatText(name), new RecordingPort(), InetAddress.getLoopbackAddress()));
        return step.member().orElseThrow();
    }

    @Test
    void aRoomResumesItsNumberingAndLinesFromTheStore() {
        store.pasts.put("lobby", new HistoryStore.Past(40, List.of(said("lobby", 38, "ann", "one"), said("lobby", 40, "bo", "two"))));
        LocalRoomRegistry registry = registry();
        Room lobby = registry.defaultRoom();

        assertThat(lobby.log().resumedSeq()).isEqualTo(40);
        assertThat(broker.history(lobby, lobby.log().resumedSeq())).extracting(RoomEvent::seq).containsExactly(38L, 40L);
        long seq = done(broker.publish(lobby, RoomEvent.byServer("lobby", new Happening.Relayed("x", "three"))));
        assertThat(seq).isEqualTo(41);
        assertThat(store.appended).extracting(RoomEvent::seq).containsExactly(41L);
    }

    @Test
    void onlyKeptLinesGoToTheStoreAndAGoneRoomLeavesItsLinesThere() {
        LocalRoomRegistry registry = registry();
        ChatService chat = new ChatService(registry, broker, ChatService.DEFAULT_ANNOUNCE_LIMIT, new GuessLedger(0), store);
        Member ann = join(chat, "ann");
        done(chat.handle(ann, new Command.NewRoom("games")));
        done(chat.handle(ann, new Input.ChatText("hi")));
        done(chat.handle(ann, new Command.Me("waves")));
        Room games = ann.room();
        done(chat.handle(ann, new Command.ChangeRoom("lobby", java.util.Optional.empty())));
        broker.removeHistory(games); // what the drain does after the departure that emptied it

        assertThat(store.appended).extracting(e -> e.what().getClass().getSimpleName()).containsExactly("Said", "Acted");
        assertThat(store.suspended.get("games")).extracting(RoomEvent::seq)
                .containsExactlyElementsOf(store.appended.stream().map(RoomEvent::seq).toList());
    }

    @Test
    void historyAnswersFromTheStoreMarkedAsAskedFor() {
        store.pasts.put("lobby", new HistoryStore.Past(3, List.of(said("lobby", 2, "ann", "one"), said("lobby", 3, "bo", "two"))));
        LocalRoomRegistry registry = registry();
        ChatService chat = new ChatService(registry, broker, ChatService.DEFAULT_ANNOUNCE_LIMIT, new GuessLedger(0), store);
        Member cy = join(chat, "cy");

        Reply reply = done(chat.handle(cy, new Command.ShowHistory(1)));

        assertThat(reply.notices()).containsExactly(new Notice.History("lobby", List.of(said("lobby", 3, "bo", "two")), true));
    }

    @Test
    void historyBeforeASeqAsksTheStoreForTheLinesBelowIt() {
        store.pasts.put("lobby", new HistoryStore.Past(9, List.of(said("lobby", 2, "ann", "one"), said("lobby", 5, "bo", "two"),
                said("lobby", 7, "ann", "three"), said("lobby", 9, "bo", "four"))));
        LocalRoomRegistry registry = registry();
        ChatService chat = new ChatService(registry, broker, ChatService.DEFAULT_ANNOUNCE_LIMIT, new GuessLedger(0), store);
        Member cy = join(chat, "cy");

        Reply two = done(chat.handle(cy, new Command.ShowHistory(2, 9)));
        Reply rest = done(chat.handle(cy, new Command.ShowHistory(50, 5)));

        assertThat(two.notices()).containsExactly(new Notice.History("lobby",
                List.of(said("lobby", 5, "bo", "two"), said("lobby", 7, "ann", "three")), true, 9));
        assertThat(rest.notices()).containsExactly(new Notice.History("lobby", List.of(said("lobby", 2, "ann", "one")), true, 5));
    }

    @Test
    void withoutAStoreHistoryBeforeASeqFiltersWhatMemoryHolds() {
        LocalRoomRegistry registry = new LocalRoomRegistry("lobby", 10);
        ChatService chat = new ChatService(registry, broker, ChatService.DEFAULT_ANNOUNCE_LIMIT, new GuessLedger(0));
        Member ann = join(chat, "ann");
        for (String line : List.of("a", "b", "c", "d", "e")) {
            done(chat.handle(ann, new Input.ChatText(line)));
        }
        List<RoomEvent> all = ((Notice.History) done(chat.handle(ann, new Command.ShowHistory(50))).notices().get(0)).events();
        long seqOfD = all.get(3).seq();

        Notice.History older = (Notice.History) done(chat.handle(ann, new Command.ShowHistory(2, seqOfD))).notices().get(0);
        Notice.History oldest = (Notice.History) done(chat.handle(ann, new Command.ShowHistory(50, all.get(0).seq()))).notices().get(0);

        assertThat(older.requested()).isTrue();
        assertThat(older.before()).isEqualTo(seqOfD);
        assertThat(older.events()).extracting(e -> ((Happening.Said) e.what()).text()).containsExactly("b", "c");
        assertThat(oldest.events()).as("nothing below the first line").isEmpty();
    }

    @Test
    void withoutAStoreHistoryAnswersFromMemory() {
        LocalRoomRegistry registry = new LocalRoomRegistry("lobby", 10);
        ChatService chat = new ChatService(registry, broker, ChatService.DEFAULT_ANNOUNCE_LIMIT, new GuessLedger(0));
        Member ann = join(chat, "ann");
        for (String line : List.of("a", "b", "c")) {
            done(chat.handle(ann, new Input.ChatText(line)));
        }

        Reply reply = done(chat.handle(ann, new Command.ShowHistory(2)));

        Notice.History history = (Notice.History) reply.notices().get(0);
        assertThat(history.requested()).isTrue();
        assertThat(history.events()).extracting(e -> ((Happening.Said) e.what()).text()).containsExactly("b", "c");
    }
}
