package roomchat.server.proxy;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse proxies whose word on a client's address is believed ({@code --trusted-proxies}):
 * IPv4 and IPv6 addresses and CIDR ranges, matched with Netty's {@link IpSubnetFilterRule}.
 * Immutable; used from every event loop.
 */
public final class TrustedProxies {

    /** Nobody: every peer speaks for itself. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    private final List<IpSubnetFilterRule> ranges;
    private final List<String> spelled;

    private TrustedProxies(List<IpSubnetFilterRule> ranges, List<String> spelled) {
        this.ranges = ranges;
        this.spelled = spelled;
    }

    /**
     * Parses entries such as {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code 2001:db8::/32}, {@code ::1}.
     * Host names are not accepted (they would need a DNS lookup, and could change).
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or a CIDR
     */
    public static TrustedProxies parse(List<String> entries) {
        List<IpSubnetFilterRule> ranges = new ArrayList<>();
        List<String> spelled = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            ranges.add(range(entry));
            spelled.add(entry);
        }
        return ranges.isEmpty() ? NONE : new TrustedProxies(List.copyOf(ranges), List.copyOf(spelled));
    }

    private static IpSubnetFilterRule range(String entry) {
        int slash = entry.indexOf('/');
        InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (address == null) {
            throw notARange(entry);
        }
        int maxPrefix = address instanceof Inet4Address ? 32 : 128;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String digits = entry.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                throw notARange(entry);
            }
            prefix = Integer.parseInt(digits);
            if (prefix > maxPrefix) {
                throw notARange(entry);
            }
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    private static IllegalArgumentException notARange(String entry) {
        return new IllegalArgumentException("--trusted-proxies: '" + entry
                + "' is not an IP address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32");
    }

    /**
     * The address an IP literal spells ({@code 192.0.2.7}, {@code 2001:db8::1}, {@code [2001:db8::1]}),
     * or null for anything else. Never looks a name up.
     */
    static InetAddress literal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String bare = text.length() > 2 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']'
                ? text.substring(1, text.length() - 1) : text;
        return NetUtil.createInetAddressFromIpAddressString(bare);
    }

    /** Whether no proxy is trusted. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} is one of the trusted proxies. */
    public boolean contains(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule range : ranges) {
            if (range.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a connection's peer is one of the trusted proxies. */
    public boolean contains(SocketAddress peer) {
        return peer instanceof InetSocketAddress socket && socket.getAddress() != null && contains(socket.getAddress());
    }

    @Override
    public String toString() {
        return spelled.isEmpty() ? "none" : String.join(",", spelled);
    }
}
