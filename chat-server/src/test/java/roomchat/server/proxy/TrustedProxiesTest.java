package roomchat.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import roomchat.server.ServerConfig;

/** Which peers --trusted-proxies names, and how a bad entry is told. */
class TrustedProxiesTest {

    private static InetAddress ip(String literal) {
        return TrustedProxies.literal(literal);
    }

    @Test
    void rangesAndBareAddressesOfBothFamiliesMatch() {
        TrustedProxies trusted = TrustedProxies.parse(List.of("10.0.0.0/8", " 192.0.2.7 ", "2001:db8::/32", "::1"));
        assertThat(trusted.contains(ip("10.200.3.4"))).isTrue();
        assertThat(trusted.contains(ip("11.0.0.1"))).isFalse();
        assertThat(trusted.contains(ip("192.0.2.7"))).isTrue();
        assertThat(trusted.contains(ip("192.0.2.8"))).isFalse();
        assertThat(trusted.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(trusted.contains(ip("2001:db9::1"))).isFalse();
        assertThat(trusted.contains(ip("::1"))).isTrue();
        assertThat(trusted.contains(new InetSocketAddress(ip("10.1.1.1"), 4711))).isTrue();
        assertThat(trusted.toString()).isEqualTo("10.0.0.0/8,192.0.2.7,2001:db8::/32,::1");
    }

    @Test
    void noneTrustsNobody() {
        assertThat(TrustedProxies.parse(List.of())).isSameAs(TrustedProxies.NONE);
        assertThat(TrustedProxies.NONE.contains(ip("127.0.0.1"))).isFalse();
        assertThat(TrustedProxies.NONE.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "proxy.example.org", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8x",
        "10.0.0", "300.1.1.1", "10.0.0.0/8/8"})
    void anythingElseIsAOneLineFlagError(String entry) {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--trusted-proxies: '" + entry
                        + "' is not an IP address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32");
    }

    @Test
    void theServerRefusesToStartWithABadEntry() {
        ServerConfig config = ServerConfig.defaults();
        config.trustedProxies = List.of("10.0.0.0/8", "nginx");
        assertThatThrownBy(config::validate).hasMessageStartingWith("--trusted-proxies: 'nginx' is not");
    }

    @Test
    void literalsNeverLookANameUp() {
        assertThat(TrustedProxies.literal("localhost")).isNull();
        assertThat(TrustedProxies.literal("[2001:db8::1]")).isEqualTo(ip("2001:db8::1"));
        assertThat(TrustedProxies.literal(null)).isNull();
    }
}
