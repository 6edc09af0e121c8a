package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ServerConfig;

/**
 * The WebSocket's subprotocol roomchat.v1.json: a client that asks for it gets every notice and
 * room event as one JSON object per frame, with its type and fields (docs/protocol.md, "JSON
 * events"), and still sends lines; a client that asks for none keeps the line protocol.
 */
class JsonWebSocketEndToEndTest {

    private static final String JSON = "roomchat.v1.json";

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> config.maxLineBytes = 64);

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    private URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + server.server().httpAddress().getPort() + "/ws");
    }

    private String origin() {
        return "http://127.0.0.1:" + server.server().httpAddress().getPort();
    }

    private LineClient jsonClient() throws Exception {
        return clients.keep(LineClient.webSocket(webSocketUri(), origin(), List.of(JSON)));
    }

    /** The next frame, which must be one JSON object. */
    private static Map<String, Object> next(LineClient client) throws InterruptedException {
        return JsonEvent.parse(client.await(frame -> true, "a frame"));
    }

    /** The first frame of {@code type}, skipping others (each of them a JSON object too). */
    private static Map<String, Object> awaitType(LineClient client, String type) throws InterruptedException {
        Map<String, Object> event = JsonEvent.parse(client.await(frame -> type.equals(JsonEvent.typeOf(frame)), "a " + type));
        assertThat(client.passed()).allSatisfy(frame -> assertThat(JsonEvent.typeOf(frame)).as(frame).isNotNull());
        return event;
    }

    @Test
    void aJsonClientGetsTypedNoticesAndRoomEventsWithGaplessSequenceNumbersPerRoom() throws Exception {
        LineClient nc = clients.login("ncuser");
        LineClient web = jsonClient();
        assertThat(web.subprotocol()).isEqualTo(JSON);

        assertThat(next(web)).containsEntry("type", "welcome").containsEntry("online", 1L);
        assertThat(next(web)).containsEntry("type", "name-prompt").containsKey("rule");
        web.send("webby");
        assertThat(awaitType(web, "entered")).containsEntry("room", "lobby").containsEntry("members", List.of("ncuser"))
                .containsEntry("count", 1L).containsEntry("topic", null).containsEntry("created", false);
        assertThat(awaitType(web, "named")).containsEntry("name", "webby");
        nc.await("[lobby] -- webby has joined");

        nc.send("one");
        nc.send("two");
        Map<String, Object> one = awaitType(web, "said");
        assertThat(one).containsEntry("room", "lobby").containsEntry("from", "ncuser").containsEntry("text", "one");
        assertThat(one.get("time")).asString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        long lobbySeq = (Long) one.get("seq");
        assertThat(lobbySeq).isPositive();
        assertThat(awaitType(web, "said")).containsEntry("text", "two").containsEntry("seq", lobbySeq + 1);

        web.send(":n games");
        assertThat(awaitType(web, "entered")).containsEntry("room", "games").containsEntry("members", List.of())
                .containsEntry("created", true);
        nc.send(":cr games");
        Map<String, Object> joined = awaitType(web, "joined");
        assertThat(joined).containsEntry("room", "games").containsEntry("from", "ncuser");
        long gamesSeq = (Long) joined.get("seq");
        nc.send(":me waves");
        nc.send(":topic dice ✓");
        assertThat(awaitType(web, "action")).containsEntry("text", "waves").containsEntry("seq", gamesSeq + 1);
        // ncuser is no host of games: its :topic is refused and takes no number.
        nc.await("! only a host of games can do that");
        web.send(":topic dice ✓");
        assertThat(awaitType(web, "topic")).containsEntry("topic", "dice ✓").containsEntry("from", "webby")
                .containsEntry("seq", gamesSeq + 2);
        nc.send("back in games");
        assertThat(awaitType(web, "said")).containsEntry("seq", gamesSeq + 3).containsEntry("room", "games");

        web.send(":e");
        assertThat(awaitType(web, "goodbye")).containsEntry("text", "bye webby");
        web.awaitEnd();
        assertThat(web.passed()).allSatisfy(frame -> assertThat(JsonEvent.typeOf(frame)).as(frame).isNotNull());
    }

    @Test
    void theErrorsOfEveryLayerReachAJsonClientAsErrorObjects() throws Exception {
        LineClient web = jsonClient();
        awaitType(web, "name-prompt");
        web.send("not a name!");
        assertThat(awaitType(web, "error")).containsEntry("text", "invalid name: names are 1-24 letters, digits, _ - or .");
        awaitType(web, "name-prompt");
        web.send("webby");
        awaitType(web, "named");

        web.send(":x");
        assertThat(awaitType(web, "error")).containsEntry("text", "unknown command :x (try :h)");
        web.send("y".repeat(65));
        assertThat(awaitType(web, "error")).containsEntry("text", "line too long (max 64 bytes)");
        // Twice the burst at once: the rate limit refuses the rest.
        for (int i = 0; i < 2 * ServerConfig.DEFAULT_BURST; i++) {
            web.send(":who");
        }
        assertThat(awaitType(web, "error")).containsEntry("text", "slow down");
    }

    @Test
    void aClientThatAsksForNoSubprotocolKeepsTheLineProtocol() throws Exception {
        LineClient lines = clients.keep(LineClient.webSocket(webSocketUri(), origin()));
        assertThat(lines.subprotocol()).isEmpty();
        lines.claim("webby");
        LineClient json = jsonClient();
        awaitType(json, "name-prompt");
        json.send("jason");
        lines.await("[lobby] -- jason has joined");
        json.send("hello lines");
        lines.await("[lobby] jason: hello lines");
        lines.send(":x");
        lines.await("! unknown command :x (try :h)");
        lines.send("hello json");
        assertThat(awaitType(json, "said")).containsEntry("from", "webby").containsEntry("text", "hello json");
    }
}
