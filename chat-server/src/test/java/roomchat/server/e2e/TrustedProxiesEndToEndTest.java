package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a reverse proxy every connection comes from the proxy's address: from a peer in
 * {@code --trusted-proxies} the PROXY protocol header (TCP) and X-Forwarded-For (HTTP) say whose
 * connection it is, and the per-address limit counts that address; from anyone else they are
 * ignored. Loopback has all of 127.0.0.0/8: 127.0.0.1 plays the trusted proxy, 127.0.0.2 a stranger.
 */
class TrustedProxiesEndToEndTest {

    private static final String PROXY = "127.0.0.1";
    private static final String STRANGER = "127.0.0.2";
    private static final String TOO_MANY = "! too many connections from your address";

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        config.maxConnectionsPerIp = 2;
        config.trustedProxies = List.of(PROXY + "/32");
    });

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
        for (RawWebSocket webSocket : webSockets) {
            webSocket.close();
        }
    }

    private LineClient connectFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(server.address(), (int) LineClient.TIMEOUT.toMillis());
        return clients.keep(LineClient.over(socket));
    }

    /** A connection through the proxy for a client at {@code client}, as HAProxy's send-proxy opens it. */
    private LineClient proxiedFor(String client) throws IOException {
        LineClient connection = connectFrom(PROXY);
        connection.sendRaw(v1Header(client));
        return connection;
    }

    private byte[] v1Header(String client) {
        return ("PROXY TCP4 " + client + " 127.0.0.1 40000 " + server.address().getPort() + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] v2Header(HAProxyMessage header) {
        EmbeddedChannel encoder = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        encoder.writeOutbound(header);
        ByteBuf encoded = encoder.readOutbound();
        try {
            return ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
            encoder.finishAndReleaseAll();
        }
    }

    @Test
    void eachProxiedConnectionCountsUnderTheAddressItsProxyReports() throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            LineClient first = proxiedFor("203.0.113.1");
            LineClient second = proxiedFor("203.0.113.2");
            LineClient third = proxiedFor("203.0.113.3");
            first.claim("alice");
            second.claim("bob");
            third.claim("carol");
            // Not counted against the proxy's own address: it holds more than two connections.
            proxiedFor("203.0.113.1").await(LineClient.PROMPT);

            LineClient oneTooMany = proxiedFor("203.0.113.1");
            oneTooMany.await(TOO_MANY);
            oneTooMany.awaitEnd();
            assertThat(oneTooMany.passed()).as("refused before any greeting").isEmpty();

            first.send("still fine");
            second.await("[lobby] alice: still fine");
            Awaitility.await().atMost(LineClient.TIMEOUT).until(() -> messages(logs).stream()
                    .anyMatch(line -> line.matches("/203\\.0\\.113\\.1 via /127\\.0\\.0\\.1:\\d+ refused: .*")));
            assertThat(messages(logs))
                    .anyMatch(line -> line.matches("/203\\.0\\.113\\.2 via /127\\.0\\.0\\.1:\\d+ connected"))
                    .anyMatch(line -> line.equals("/203.0.113.3 carol joined lobby"));
        }
    }

    @Test
    void theGreetingWaitsForTheHeaderAndLinesInTheSamePacketFollowIt() throws Exception {
        LineClient connection = connectFrom(PROXY);
        byte[] header = v1Header("203.0.113.4");
        byte[] name = "dora\n".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[header.length + name.length];
        System.arraycopy(header, 0, both, 0, header.length);
        System.arraycopy(name, 0, both, header.length, name.length);
        connection.sendRaw(both);
        connection.await(LineClient.PROMPT);
        connection.await("* you are in lobby, nobody else is here");
    }

    @Test
    void aVersion2HeaderCarriesAnIpv6ClientAndALocalOneIsTheProxysOwn() throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            for (int i = 0; i < 2; i++) {
                LineClient v6 = connectFrom(PROXY);
                v6.sendRaw(v2Header(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
                        HAProxyProxiedProtocol.TCP6, "2001:db8::7", "::1", 40000, 8080)));
                v6.await(LineClient.PROMPT);
            }
            LineClient v6 = connectFrom(PROXY);
            v6.sendRaw(v2Header(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
                    HAProxyProxiedProtocol.TCP6, "2001:db8::7", "::1", 40000, 8080)));
            v6.await(TOO_MANY);
            assertThat(messages(logs)).anyMatch(line -> line.matches("/2001:db8:0:0:0:0:0:7 via /127\\.0\\.0\\.1:\\d+ connected"));

            // LOCAL: the proxy's own connection (a health check), counted under the proxy's address.
            for (int i = 0; i < 2; i++) {
                LineClient local = connectFrom(PROXY);
                local.sendRaw(v2Header(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.LOCAL,
                        HAProxyProxiedProtocol.UNKNOWN, null, null, 0, 0)));
                local.await(LineClient.PROMPT);
            }
            LineClient local = connectFrom(PROXY);
            local.sendRaw(v2Header(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.LOCAL,
                    HAProxyProxiedProtocol.UNKNOWN, null, null, 0, 0)));
            local.await(TOO_MANY);
        }
    }

    @Test
    void aTrustedPeerThatSendsNoProxyHeaderIsClosedWithALogLine() throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            LineClient confused = connectFrom(PROXY);
            confused.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            confused.awaitEnd();
            assertThat(confused.passed()).isEmpty();
            Awaitility.await().atMost(LineClient.TIMEOUT).until(() -> messages(logs).stream()
                    .anyMatch(line -> line.matches("/127\\.0\\.0\\.1:\\d+ refused: no valid PROXY header .*")));
            Awaitility.await().atMost(LineClient.TIMEOUT).until(() -> server.server().metrics()
                    .contains("roomchat_disconnects_total{reason=\"bad_proxy_header\"} 1"));
        }
    }

    @Test
    void fromAnUntrustedPeerAProxyLineIsJustABadNameAndItsOwnAddressCounts() throws Exception {
        LineClient first = connectFrom(STRANGER);
        first.await(LineClient.PROMPT);
        first.sendRaw(v1Header("203.0.113.5"));
        first.await(line -> line.startsWith("! "), "a name error");
        LineClient second = connectFrom(STRANGER);
        second.sendRaw(v1Header("203.0.113.6"));
        second.await(LineClient.PROMPT);
        LineClient third = connectFrom(STRANGER);
        // Refused as it opens, for its own address: the header may find the connection closed already.
        sendIfStillOpen(third, v1Header("203.0.113.7"));
        third.await(TOO_MANY);
        third.awaitEnd();
    }

    private final List<RawWebSocket> webSockets = new ArrayList<>();

    private RawWebSocket upgrade(String from, String forwardedFor) throws IOException {
        RawWebSocket webSocket = RawWebSocket.upgrade(server.server().httpAddress(), from, forwardedFor);
        webSockets.add(webSocket);
        return webSocket;
    }

    private static void assertGreeted(RawWebSocket webSocket) throws IOException {
        assertThat(webSocket.firstLine()).isEqualTo("HTTP/1.1 101 Switching Protocols");
        webSocket.headers();
        assertThat(webSocket.readText()).startsWith("* welcome to roomchat");
        assertThat(webSocket.readText()).isEqualTo(LineClient.PROMPT);
    }

    @Test
    void webSocketsThroughTheProxyCountUnderTheRightMostUntrustedForwardedAddress() throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            // Each is greeted (or refused) before the next is opened: the server takes them in that order.
            assertGreeted(upgrade(PROXY, "198.51.100.1"));
            assertGreeted(upgrade(PROXY, "198.51.100.1"));
            assertGreeted(upgrade(PROXY, "198.51.100.2"));
            assertGreeted(upgrade(PROXY, "6.6.6.6, 198.51.100.2, 127.0.0.1"));
            RawWebSocket oneTooMany = upgrade(PROXY, "198.51.100.1");
            assertThat(oneTooMany.firstLine()).isEqualTo("HTTP/1.1 429 Too Many Requests");
            assertThat(oneTooMany.readToEnd()).endsWith(TOO_MANY + "\n");
            // What a client writes in front of its proxy's entry does not make it someone else.
            assertThat(upgrade(PROXY, "7.7.7.7,198.51.100.2").firstLine()).isEqualTo("HTTP/1.1 429 Too Many Requests");
            assertThat(messages(logs))
                    .anyMatch(line -> line.matches("/198\\.51\\.100\\.2 via /127\\.0\\.0\\.1:\\d+ connected"))
                    .anyMatch(line -> line.matches("/198\\.51\\.100\\.1 via /127\\.0\\.0\\.1:\\d+ refused: .*"));
        }
    }

    @Test
    void fromAnUntrustedPeerXForwardedForIsIgnored() throws Exception {
        assertGreeted(upgrade(STRANGER, "198.51.100.3"));
        assertGreeted(upgrade(STRANGER, "198.51.100.4"));
        assertThat(upgrade(STRANGER, "198.51.100.5").firstLine()).isEqualTo(TOO_MANY);
    }

    private static List<String> messages(CapturedLogs logs) {
        return logs.events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** HAProxy's send-proxy in front of the TLS port: the header comes first, then the TLS handshake. */
    @Nested
    class OverTls {

        private final SelfSignedCertificate certificate = newCertificate();

        @RegisterExtension
        final RunningServer tlsServer = new RunningServer(config -> {
            config.trustedProxies = List.of(PROXY);
            config.tlsCert = certificate.certificate().toPath();
            config.tlsKey = certificate.privateKey().toPath();
        });

        private final Clients tlsClients = new Clients(tlsServer);

        @AfterEach
        void disconnect() throws IOException {
            tlsClients.close();
            certificate.delete();
        }

        @Test
        void theHeaderPrecedesTheHandshake() throws Exception {
            try (CapturedLogs logs = new CapturedLogs()) {
                InetSocketAddress tls = tlsServer.server().tlsAddress();
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress(PROXY, 0));
                socket.connect(tls, (int) LineClient.TIMEOUT.toMillis());
                socket.getOutputStream().write(("PROXY TCP4 203.0.113.9 127.0.0.1 40000 " + tls.getPort() + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                SSLContext trustingAnyone = SSLContext.getInstance("TLS");
                trustingAnyone.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
                SSLSocket secure = (SSLSocket) trustingAnyone.getSocketFactory()
                        .createSocket(socket, tls.getHostString(), tls.getPort(), true);
                secure.startHandshake();
                tlsClients.keep(LineClient.over(secure)).claim("secure");
                assertThat(messages(logs))
                        .anyMatch(line -> line.matches("/203\\.0\\.113\\.9 via /127\\.0\\.0\\.1:\\d+ connected"));
            }
        }

        private static SelfSignedCertificate newCertificate() {
            try {
                return new SelfSignedCertificate("localhost");
            } catch (java.security.cert.CertificateException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Before the proxy says whose a connection is, no session deadline runs: the admission has its own. */
    @Nested
    class SilentProxyConnections {

        @RegisterExtension
        final RunningServer quick = new RunningServer(config -> {
            config.trustedProxies = List.of(PROXY + "/32");
            config.nameTimeout = Duration.ofMillis(500);
            config.httpRequestTimeout = Duration.ofMillis(500);
        });

        @Test
        void aTrustedPeerThatNeverSendsAHeaderOrARequestIsClosedAtTheDeadline() throws Exception {
            for (InetSocketAddress port : List.of(quick.address(), quick.server().httpAddress())) {
                try (Socket silent = new Socket()) {
                    silent.bind(new InetSocketAddress(PROXY, 0));
                    silent.connect(port, (int) LineClient.TIMEOUT.toMillis());
                    silent.setSoTimeout((int) LineClient.TIMEOUT.toMillis());
                    assertThat(silent.getInputStream().read()).as("closed, having sent nothing").isEqualTo(-1);
                }
            }
            Awaitility.await().atMost(LineClient.TIMEOUT).until(() -> quick.server().metrics()
                    .contains("roomchat_disconnects_total{reason=\"bad_proxy_header\"} 1")
                    && quick.server().metrics().contains("roomchat_disconnects_total{reason=\"request_timeout\"} 1"));
        }
    }

    private static void sendIfStillOpen(LineClient client, byte[] bytes) {
        try {
            client.sendRaw(bytes);
        } catch (IOException closedByTheServer) {
            // what the test expects next is the refusal line, already read or on its way
        }
    }
}
