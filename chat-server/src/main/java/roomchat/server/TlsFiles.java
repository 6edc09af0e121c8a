package roomchat.server;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * The TLS contexts of {@code --tls-cert} and {@code --tls-key}, read before anything is started, so
 * that a file that is missing, unreadable or not PEM fails the start with one line naming its flag.
 */
final class TlsFiles {

    static final String CERT_FLAG = "--tls-cert";
    static final String KEY_FLAG = "--tls-key";

    private TlsFiles() {
    }

    static SslContext serverContext(Path cert, Path key) throws StartupException {
        requireReadable(CERT_FLAG, cert);
        requireReadable(KEY_FLAG, key);
        try {
            // Netty's PEM reader on the chain alone (a trust manager reads the same format), so that a
            // failure of the server builder below is the key's.
            SslContextBuilder.forClient().trustManager(cert.toFile());
        } catch (IllegalArgumentException e) {
            throw StartupException.badFile(CERT_FLAG, cert, "not a PEM certificate chain", e);
        }
        SslContextBuilder builder;
        try {
            builder = SslContextBuilder.forServer(cert.toFile(), key.toFile());
        } catch (IllegalArgumentException e) {
            throw StartupException.badFile(KEY_FLAG, key, "not a PEM private key (PKCS#8)", e);
        }
        try {
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            throw StartupException.badFile(KEY_FLAG, key, "can't be used with " + CERT_FLAG + " " + cert + ": " + e.getMessage(), e);
        }
    }

    /**
     * The same files for the gRPC door: gRPC's settings (ALPN {@code h2}, HTTP/2's ciphers) on top.
     * Called after {@link #serverContext}, which has said what is wrong with the files, if anything.
     */
    static SslContext grpcServerContext(Path cert, Path key) throws StartupException {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(cert.toFile(), key.toFile())).build();
        } catch (SSLException | RuntimeException e) {
            throw StartupException.badFile(KEY_FLAG, key, "can't be used for the gRPC door: " + e.getMessage(), e);
        }
    }

    private static void requireReadable(String flag, Path file) throws StartupException {
        if (!Files.exists(file)) {
            throw StartupException.badFile(flag, file, "no such file", null);
        }
        if (!Files.isRegularFile(file)) {
            throw StartupException.badFile(flag, file, "not a file", null);
        }
        if (!Files.isReadable(file)) {
            throw StartupException.badFile(flag, file, "can't be read", null);
        }
    }
}
