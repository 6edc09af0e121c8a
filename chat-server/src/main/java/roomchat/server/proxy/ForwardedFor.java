package roomchat.server.proxy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who made an HTTP request that came through trusted proxies, from its {@code X-Forwarded-For}
 * headers. Each proxy appends the address it got the request from, so the list reads from the
 * client (left) to the last proxy (right); a client can put anything it likes in front. The
 * client is therefore the right-most entry that is not itself a trusted proxy: everything to its
 * right was written by proxies we trust. If an entry on the way is not an IP address (a proxy's
 * {@code unknown}, or garbage), the last address that a trusted proxy vouched for is taken.
 *
 * <p>The standard {@code Forwarded} header (RFC 7239) is not read: nginx and HAProxy both write
 * X-Forwarded-For, and one header read well beats two read loosely.
 */
public final class ForwardedFor {

    private ForwardedFor() {
    }

    /**
     * The client's address for a request from {@code peer}, a trusted proxy, carrying the values of
     * its X-Forwarded-For headers in order (none: the request is the proxy's own).
     */
    public static InetAddress client(InetAddress peer, List<String> headerValues, TrustedProxies trusted) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String hop : value.split(",", -1)) {
                hops.add(hop.strip());
            }
        }
        InetAddress nearest = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = TrustedProxies.literal(withoutPort(hops.get(i)));
            if (hop == null) {
                return nearest;
            }
            if (!trusted.contains(hop)) {
                return hop;
            }
            nearest = hop;
        }
        return nearest;
    }

    /** Some proxies add the client's port: {@code 192.0.2.7:4711}, {@code [2001:db8::1]:4711}. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(0, close + 1);
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}
