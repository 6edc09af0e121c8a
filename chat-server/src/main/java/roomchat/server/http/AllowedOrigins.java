package roomchat.server.http;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which web pages may open the WebSocket, by their {@code Origin}: pages the server itself served,
 * that is from {@code http://localhost}, {@code http://127.0.0.1} or {@code http://[::1]}, from the
 * {@code --host} it was told to listen on when that names one address or host, or from the address
 * the connection arrived at, each with the port the connection arrived on; and the origins
 * {@code --allowed-origins} adds (a reverse proxy's public name), or any with {@code *}. The
 * {@code Host} header is never trusted: a DNS-rebinding page sends its own name as both {@code Host}
 * and {@code Origin}. Ports left out mean the scheme's default; names compare ignoring case, and
 * addresses as addresses.
 */
public final class AllowedOrigins {

    /** Admits every origin. */
    static final String ANY = "*";
    private static final String SERVED_SCHEME = "http";
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");

    /** An origin taken apart: scheme, host (a lower-case name, or an address written canonically) and port. */
    private record Origin(String scheme, String host, int port) {

        static Optional<Origin> parse(String text) {
            try {
                URI uri = new URI(text.strip());
                String scheme = uri.getScheme();
                String host = uri.getHost();
                if (scheme == null || host == null || !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                        || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                    return Optional.empty();
                }
                scheme = scheme.toLowerCase(Locale.ROOT);
                int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
                return port < 0 ? Optional.empty() : Optional.of(new Origin(scheme, canonicalHost(host), port));
            } catch (java.net.URISyntaxException malformed) {
                return Optional.empty();
            }
        }

        private static int defaultPort(String scheme) {
            return switch (scheme) {
                case "http" -> 80;
                case "https" -> 443;
                default -> -1;
            };
        }
    }

    private final boolean any;
    private final List<Origin> added = new ArrayList<>();
    private final List<String> servedHosts = new ArrayList<>(LOOPBACK_NAMES);

    /**
     * {@code addedOrigins} from {@code --allowed-origins} (each an origin such as
     * {@code https://chat.example.org}, or {@code *}); {@code listenHost} from {@code --host}.
     */
    AllowedOrigins(List<String> addedOrigins, String listenHost) {
        boolean anyOrigin = false;
        for (String entry : addedOrigins) {
            if (entry.strip().equals(ANY)) {
                anyOrigin = true;
            } else {
                added.add(Origin.parse(entry).orElseThrow(
                        () -> new IllegalArgumentException("not an origin like https://chat.example.org: " + entry)));
            }
        }
        this.any = anyOrigin;
        if (listenHost != null && !listenHost.isBlank() && !isWildcard(listenHost)) {
            servedHosts.add(canonicalHost(listenHost));
        }
    }

    /** Whether {@code entry} is something {@code --allowed-origins} takes: an origin, or {@code *}. */
    public static boolean isValidEntry(String entry) {
        return entry.strip().equals(ANY) || Origin.parse(entry).isPresent();
    }

    /** Whether a page of {@code origin} may open a WebSocket on a connection that arrived at {@code local}. */
    boolean permits(String origin, SocketAddress local) {
        if (any) {
            return true;
        }
        Optional<Origin> parsed = Origin.parse(origin);
        if (parsed.isEmpty()) {
            return false;
        }
        Origin page = parsed.get();
        if (added.contains(page)) {
            return true;
        }
        if (!(local instanceof InetSocketAddress arrived) || !page.scheme().equals(SERVED_SCHEME)
                || page.port() != arrived.getPort()) {
            return false;
        }
        return servedHosts.contains(page.host())
                || arrived.getAddress() != null && page.host().equals(NetUtil.toAddressString(arrived.getAddress()));
    }

    private static boolean isWildcard(String host) {
        InetAddress address = addressOrNull(host);
        return address != null && address.isAnyLocalAddress();
    }

    /** An address written the one way {@link NetUtil} writes it; a name in lower case. */
    private static String canonicalHost(String host) {
        InetAddress address = addressOrNull(host);
        return address != null ? NetUtil.toAddressString(address) : host.toLowerCase(Locale.ROOT);
    }

    /** The address {@code host} spells, without any lookup; null for a name. */
    private static InetAddress addressOrNull(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return NetUtil.createInetAddressFromIpAddressString(bare);
    }
}
