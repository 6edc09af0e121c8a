package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP port: the web page, health and metrics, and WebSocket users in the same rooms as nc users. */
class WebSocketEndToEndTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> config.maxLineBytes = 64);

    private final Clients clients = new Clients(server);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.server().httpAddress().getPort();
    }

    private LineClient webUser(String name) throws Exception {
        LineClient web = clients.keep(LineClient.webSocket(URI.create("ws://127.0.0.1:"
                + server.server().httpAddress().getPort() + "/ws"), base()));
        return web.claim(name);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWebSocketUserAndAnNcUserTalkInOneRoomWithTheSameCommands() throws Exception {
        LineClient web = webUser("webby");
        LineClient nc = clients.login("ncuser");
        web.await("[lobby] -- ncuser has joined");
        nc.send("hello browser");
        web.await("[lobby] ncuser: hello browser");
        web.send("hello terminal ✓");
        nc.await("[lobby] webby: hello terminal ✓");

        web.send(":n games");
        web.await("* created games");
        nc.send(":cr games");
        nc.await("* you are in games with webby");
        web.send(":who");
        web.await("* in games: webby (host), ncuser");
        web.send(":x");
        web.await("! unknown command :x (try :h)");
        web.send("y".repeat(65));
        web.await("! line too long (max 64 bytes)");
        web.send("still here");
        nc.await("[games] webby: still here");
        web.send(":e");
        web.await("* bye webby");
        web.awaitEnd();
        nc.await("[games] -- webby has left");
    }

    @Test
    void aPageFromAnotherSiteMayNotOpenTheWebSocket() throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + server.server().httpAddress().getPort() + "/ws");
        assertThatThrownBy(() -> LineClient.webSocket(ws, "http://evil.example")).isInstanceOf(IOException.class);
        LineClient sameHost = clients.keep(LineClient.webSocket(ws, base()));
        sameHost.await(LineClient.PROMPT);
        LineClient program = clients.keep(LineClient.webSocket(ws, null));
        program.await(LineClient.PROMPT);
    }

    @Test
    void aDnsRebindingPageIsRefusedWhileThePagesOwnNamesWork() throws Exception {
        int port = server.server().httpAddress().getPort();
        // The attacker's name now points at this server: the browser sends its name as both Host and Origin.
        try (RawClient rebound = RawClient.connect(server.server().httpAddress())) {
            rebound.send(RawClient.upgradeRequest("evil.example:" + port, "http://evil.example:" + port));
            assertThat(rebound.readResponseHead()).startsWith("HTTP/1.1 403");
            rebound.awaitEnd();
        }
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        for (String origin : new String[] {"http://localhost:" + port, "http://127.0.0.1:" + port}) {
            LineClient page = clients.keep(LineClient.webSocket(ws, origin));
            page.await(LineClient.PROMPT);
        }
        assertThatThrownBy(() -> LineClient.webSocket(ws, "http://localhost:" + (port + 1))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> LineClient.webSocket(ws, "https://localhost:" + port)).isInstanceOf(IOException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"unmasked, 1002", "reserved opcode, 1002", "invalid UTF-8, 1007"})
    void aFrameThatBreaksTheProtocolGetsOneCloseFrameThenTheEnd(String violation, int status) throws Exception {
        try (RawClient raw = RawClient.connect(server.server().httpAddress())) {
            raw.send(RawClient.upgradeRequest("127.0.0.1", null));
            assertThat(raw.readResponseHead()).startsWith("HTTP/1.1 101");
            raw.awaitText(LineClient.PROMPT);
            byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
            raw.send(switch (violation) {
                case "unmasked" -> RawClient.clientFrame(RawClient.Frame.TEXT, hello, false);
                case "reserved opcode" -> RawClient.clientFrame(0x3, hello, true);
                default -> RawClient.clientFrame(RawClient.Frame.TEXT, new byte[] {'h', (byte) 0xff, 'i'}, true);
            });
            List<RawClient.Frame> closes = new ArrayList<>();
            for (RawClient.Frame frame = raw.readFrame(); frame != null; frame = raw.readFrame()) {
                if (frame.opcode() == RawClient.Frame.CLOSE) {
                    closes.add(frame);
                }
            }
            assertThat(closes).hasSize(1);
            assertThat(closes.get(0).closeStatus()).isEqualTo(status);
        }
    }

    @Test
    void thePageIsServedWithItsScriptAndAStrictPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy")).get().asString().contains("script-src 'self'");
        assertThat(page.body()).contains("<script src=\"/app.js\"");
        assertThat(get("/app.js").body()).contains("textContent");
        assertThat(get("/app.css").statusCode()).isEqualTo(200);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void healthAndMetricsTellHowTheServerIs() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        LineClient web = webUser("webby");
        LineClient nc = clients.login("ncuser");
        nc.send("one line");
        web.await("[lobby] ncuser: one line");
        nc.send(":e");
        nc.awaitEnd();
        web.await("[lobby] -- ncuser has left");

        String metrics = get("/metrics").body();
        assertThat(metrics)
                .contains("roomchat_connections{transport=\"websocket\"} 1")
                .contains("roomchat_rooms 1")
                .contains("roomchat_members 1")
                .contains("roomchat_deliveries_dropped_total 0")
                .contains("roomchat_disconnects_total{reason=\"quit\"} 1")
                .containsPattern("roomchat_lines_in_total [1-9]")
                .containsPattern("roomchat_deliveries_total [1-9]")
                .contains("# TYPE roomchat_disconnects_total counter");

        server.server().close();
        web.await("* server shutting down");
    }
}
