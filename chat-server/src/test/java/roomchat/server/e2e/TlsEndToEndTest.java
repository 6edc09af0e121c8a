package roomchat.server.e2e;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same protocol over TLS on its own port, in the same rooms as plain TCP users. */
class TlsEndToEndTest {

    private static final SelfSignedCertificate CERTIFICATE = newCertificate();

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        config.tlsCert = CERTIFICATE.certificate().toPath();
        config.tlsKey = CERTIFICATE.privateKey().toPath();
    });

    private final Clients clients = new Clients(server);

    private static SelfSignedCertificate newCertificate() {
        try {
            return new SelfSignedCertificate("localhost");
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void deleteCertificate() {
        CERTIFICATE.delete();
    }

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    @Test
    void aTlsUserAndAPlainUserChatInOneRoom() throws Exception {
        SSLSocket socket = (SSLSocket) trustingOurCertificate().getSocketFactory()
                .createSocket(server.server().tlsAddress().getAddress(), server.server().tlsAddress().getPort());
        socket.startHandshake();
        LineClient secure = clients.keep(LineClient.over(socket));
        secure.await(LineClient.PROMPT);
        secure.send("secure");
        secure.await("* you are in lobby, nobody else is here");

        LineClient plain = clients.login("plain");
        secure.await("[lobby] -- plain has joined");
        plain.send("hello over tcp");
        secure.await("[lobby] plain: hello over tcp");
        secure.send("hello över tls");
        plain.await("[lobby] secure: hello över tls");
    }

    private static SSLContext trustingOurCertificate() throws Exception {
        X509Certificate certificate;
        try (InputStream pem = Files.newInputStream(CERTIFICATE.certificate().toPath())) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("roomchat-test", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
