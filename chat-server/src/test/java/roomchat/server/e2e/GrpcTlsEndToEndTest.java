package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ServerConfig;
import roomchat.v1.ClientMessage;
import roomchat.v1.Say;
import roomchat.v1.ServerEvent;

/**
 * With {@code --tls-cert}/{@code --tls-key}, the gRPC door speaks TLS (ALPN h2): a client that
 * trusts the certificate chats with an nc user; a plaintext client gets nowhere.
 */
class GrpcTlsEndToEndTest {

    /** The name the test certificate is made out to, which the client checks. */
    private static final String HOST_NAME = "localhost";
    private static final SelfSignedCertificate CERTIFICATE = newCertificate();

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        config.tlsCert = CERTIFICATE.certificate().toPath();
        config.tlsKey = CERTIFICATE.privateKey().toPath();
        config.grpcPort = ServerConfig.ANY_FREE_PORT;
    });

    private final Clients clients = new Clients(server);
    private ManagedChannel channel;
    private GrpcClient bot;

    private static SelfSignedCertificate newCertificate() {
        try {
            return new SelfSignedCertificate(HOST_NAME);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void deleteCertificate() {
        CERTIFICATE.delete();
    }

    @AfterEach
    void disconnect() throws IOException, InterruptedException {
        clients.close();
        if (channel != null) {
            channel.shutdownNow().awaitTermination(LineClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private ManagedChannel trustingChannel() throws SSLException {
        return NettyChannelBuilder.forAddress(server.server().grpcAddress())
                .sslContext(GrpcSslContexts.forClient().trustManager(CERTIFICATE.certificate()).build())
                .overrideAuthority(HOST_NAME)
                .build();
    }

    @Test
    void aProgramOverTlsAndAnNcUserChat() throws Exception {
        LineClient alice = clients.login("alice");
        channel = trustingChannel();
        bot = GrpcClient.on(channel);
        bot.await(ServerEvent::hasNamePrompt);
        bot.send(ClientMessage.newBuilder().setName("bot").build());
        bot.await(ServerEvent::hasNamed);
        alice.await("[lobby] -- bot has joined");

        bot.send(ClientMessage.newBuilder().setSay(Say.newBuilder().setText("hello över tls")).build());
        alice.await("[lobby] bot: hello över tls");
        alice.send("hi bot");
        ServerEvent said = bot.await(event -> event.hasRoomEvent() && event.getRoomEvent().hasSaid());
        assertThat(said.getRoomEvent().getSaid().getText()).isEqualTo("hi bot");
    }

    @Test
    void aPlaintextClientGetsNowhere() {
        channel = GrpcClient.channelTo(server.server().grpcAddress());
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(LineClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThatThrownBy(() -> health.check(HealthCheckRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }
}
