package roomchat.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import roomchat.core.event.Happening;
import roomchat.core.event.LeaveReason;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Page;
import roomchat.core.room.RoomInfo;

/**
 * Every kind of event and notice has a wording in each format: a line (the nc wording, which is
 * the protocol's contract) and one JSON object of its documented type. A kind added without a
 * rendering, or without a sample here, fails.
 */
class RenderersTest {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Instant AT = Instant.parse("2026-11-22T12:04:00Z");

    /** One sample of each kind of happening, by alice in games, with its JSON type and its line (null: not shown). */
    private record EventSample(Happening what, String type, String line) {
    }

    private static final Map<Class<?>, EventSample> EVENTS = byKind(List.of(
            new EventSample(new Happening.Said("hi"), "said", "[games] alice: hi"),
            new EventSample(new Happening.Acted("waves"), "action", "[games] * alice waves"),
            new EventSample(new Happening.Relayed("lobby", "hi"), "relayed", "[games] alice@lobby: hi"),
            new EventSample(new Happening.Joined(), "joined", "[games] -- alice has joined"),
            new EventSample(new Happening.Left(LeaveReason.IDLE), "left", "[games] -- alice has left"),
            new EventSample(new Happening.Kicked("bob"), "kicked", "[games] -- bob was kicked by alice"),
            new EventSample(new Happening.Renamed("al"), "renamed", "[games] -- alice is now known as al"),
            new EventSample(new Happening.HostGranted("bob"), "host", "[games] -- bob is now a host"),
            new EventSample(new Happening.TopicChanged("friday"), "topic", "[games] -- alice set the topic: friday"),
            new EventSample(new Happening.LockChanged(true), "lock", "[games] -- alice locked the room"),
            new EventSample(new Happening.Created(), "created", null)),
            EventSample::what);

    /** One sample of each kind of notice, with its JSON type and its first line. */
    private record NoticeSample(Notice notice, String type, String firstLine) {
    }

    private static final Map<Class<?>, NoticeSample> NOTICES = byKind(List.of(
            new NoticeSample(new Notice.Info("hello"), "info", "* hello"),
            new NoticeSample(new Notice.Error("no"), "error", "! no"),
            new NoticeSample(new Notice.Welcome(3), "welcome", "* welcome to roomchat, 3 online"),
            new NoticeSample(new Notice.NamePrompt("rule"), "name-prompt", "* choose a screen name (rule)"),
            new NoticeSample(new Notice.Named("alice"), "named", "* type :h for help, :e to leave"),
            new NoticeSample(new Notice.Entered("games", List.of("bob"), "friday", true), "entered", "* created games"),
            new NoticeSample(new Notice.AlreadyIn("games"), "already-in", "* you are already in games"),
            new NoticeSample(new Notice.NameChanged("al"), "name-changed", "* you are now al"),
            new NoticeSample(new Notice.KickedOut("games", "alice"), "kicked-out", "* you were kicked from games by alice"),
            new NoticeSample(new Notice.PrivateLine("alice", "psst"), "private", "[dm] alice: psst"),
            new NoticeSample(new Notice.Sent("bob"), "sent", "* sent to bob"),
            new NoticeSample(new Notice.RoomsPage(List.of(new RoomInfo("games", List.of(), List.of(), 2, null, true)), 1,
                    new Page(1, 30)), "rooms", "* rooms (1):"),
            new NoticeSample(new Notice.MembersPage(new RoomInfo("games", List.of("alice", "bob"), List.of("alice"), 2,
                    null, false), new Page(1, 100)), "members", "* in games: alice (host), bob"),
            new NoticeSample(new Notice.WrongPasswords(3, "games", 10), "wrong-passwords",
                    "* 3 wrong passwords tried for games in the last 10 minutes"),
            new NoticeSample(new Notice.Help(), "help",
                    "* commands (any other line is chat for your room; start it with :: to begin it with :)"),
            new NoticeSample(new Notice.History("games", List.of(event(new Happening.Said("hi")))), "history",
                    "12:04 [games] alice: hi"),
            new NoticeSample(new Notice.Goodbye("bye"), "goodbye", "* bye")),
            NoticeSample::notice);

    private static RoomEvent event(Happening what) {
        return new RoomEvent("games", 7, AT, "alice", null, what);
    }

    private static <S> Map<Class<?>, S> byKind(List<S> samples, Function<S, Object> kind) {
        Map<Class<?>, S> byKind = new LinkedHashMap<>();
        samples.forEach(sample -> byKind.put(kind.apply(sample).getClass(), sample));
        return byKind;
    }

    @Test
    void everyKindOfHappeningAndNoticeHasASampleHere() {
        assertThat(EVENTS.keySet()).containsExactlyInAnyOrder(Happening.class.getPermittedSubclasses());
        assertThat(NOTICES.keySet()).containsExactlyInAnyOrder(Notice.class.getPermittedSubclasses());
    }

    @Test
    void everyEventHasItsNcLineAndOnlyCreatedHasNone() {
        for (Class<?> kind : Happening.class.getPermittedSubclasses()) {
            EventSample sample = EVENTS.get(kind);
            assertThat(LineRenderer.line(event(sample.what()))).as(kind.getSimpleName()).isEqualTo(sample.line());
        }
    }

    @Test
    void theOtherWordingsOfRoomEventsAreTodays() {
        assertThat(LineRenderer.line(event(new Happening.TopicChanged(null)))).isEqualTo("[games] -- alice cleared the topic");
        assertThat(LineRenderer.line(event(new Happening.LockChanged(false)))).isEqualTo("[games] -- alice unlocked the room");
        assertThat(LineRenderer.line(event(new Happening.Left(LeaveReason.MOVED)))).isEqualTo("[games] -- alice has left");
        assertThat(new LineRenderer(ZoneOffset.UTC).historyLine(event(new Happening.Acted("waves"))))
                .isEqualTo("12:04 [games] * alice waves");
    }

    @Test
    void everyEventIsOneJsonObjectOfItsTypeWithItsPlaceInTheRoom() throws IOException {
        for (Class<?> kind : Happening.class.getPermittedSubclasses()) {
            EventSample sample = EVENTS.get(kind);
            Map<String, String> fields = topLevelFields(JsonRenderer.json(event(sample.what())));
            assertThat(fields).as(kind.getSimpleName())
                    .containsEntry("type", sample.type())
                    .containsEntry("room", "games")
                    .containsEntry("seq", "7")
                    .containsEntry("time", AT.toString())
                    .containsEntry("from", "alice");
        }
    }

    @Test
    void everyNoticeHasLinesStartingAsDocumentedAndIsOneJsonObjectOfItsType() throws IOException {
        LineRenderer lines = new LineRenderer(ZoneOffset.UTC);
        for (Class<?> kind : Notice.class.getPermittedSubclasses()) {
            NoticeSample sample = NOTICES.get(kind);
            assertThat(lines.lines(sample.notice())).as(kind.getSimpleName()).isNotEmpty().doesNotContainNull()
                    .first().isEqualTo(sample.firstLine());
            assertThat(topLevelFields(JsonRenderer.json(sample.notice()))).as(kind.getSimpleName())
                    .containsEntry("type", sample.type());
        }
    }

    @Test
    void aNoticeOfSeveralLinesHasThemAllInOrder() {
        LineRenderer lines = new LineRenderer(ZoneOffset.UTC);
        assertThat(lines.lines(NOTICES.get(Notice.Entered.class).notice()))
                .containsExactly("* created games", "* you are in games with bob", "* topic: friday");
        assertThat(lines.lines(NOTICES.get(Notice.History.class).notice()))
                .containsExactly("12:04 [games] alice: hi", LineRenderer.LIVE_CHAT_STARTS);
        assertThat(lines.lines(NOTICES.get(Notice.RoomsPage.class).notice()))
                .containsExactly("* rooms (1):", "*   games: 2 members, locked");
    }

    @Test
    void theAnswerToHistoryIsMarkedAsAskedForAndDated() throws IOException {
        Notice.History asked = new Notice.History("games",
                List.of(event(new Happening.Said("hi")), event(new Happening.Acted("waves"))), true);
        assertThat(new LineRenderer(ZoneOffset.UTC).lines(asked)).containsExactly(
                "* history of games, the last 2 lines:",
                "* 2026-11-22 12:04 [games] alice: hi",
                "* 2026-11-22 12:04 [games] * alice waves",
                LineRenderer.HISTORY_ENDS);
        assertThat(new LineRenderer(ZoneOffset.UTC).lines(new Notice.History("games", List.of(), true)))
                .containsExactly("* no history in games");
        assertThat(topLevelFields(JsonRenderer.json(asked))).containsEntry("type", "history").containsEntry("requested", "true");
        assertThat(topLevelFields(JsonRenderer.json(NOTICES.get(Notice.History.class).notice())))
                .containsEntry("requested", "false");
        assertThat(topLevelFields(JsonRenderer.json(asked))).doesNotContainKey("before");
    }

    @Test
    void theAnswerToHistoryBeforeASeqNamesItsBound() throws IOException {
        Notice.History older = new Notice.History("games", List.of(event(new Happening.Said("hi"))), true, 120);
        assertThat(topLevelFields(JsonRenderer.json(older))).containsEntry("requested", "true").containsEntry("before", "120");
        assertThat(new LineRenderer(ZoneOffset.UTC).lines(older)).containsExactly(
                "* history of games, the last line before #120:",
                "* 2026-11-22 12:04 [games] alice: hi",
                LineRenderer.HISTORY_ENDS);
        assertThat(new LineRenderer(ZoneOffset.UTC).lines(new Notice.History("games", List.of(), true, 3)))
                .containsExactly("* no history in games before #3");
    }

    /**
     * Parses {@code json} as exactly one JSON object, on one line, and returns its top-level scalar
     * fields as text (nested arrays and objects are parsed and skipped).
     */
    private static Map<String, String> topLevelFields(String json) throws IOException {
        assertThat(json).doesNotContain("\n");
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    parser.skipChildren();
                } else {
                    fields.put(name, value == JsonToken.VALUE_NULL ? null : parser.getText());
                }
            }
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(parser.nextToken()).as("anything after the object").isNull();
        }
        return fields;
    }
}
