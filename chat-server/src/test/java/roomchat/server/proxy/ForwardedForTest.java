package roomchat.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client of a request that came through trusted proxies, from X-Forwarded-For. */
class ForwardedForTest {

    private static final TrustedProxies TRUSTED = TrustedProxies.parse(List.of("10.0.0.0/8"));
    private static final InetAddress PROXY = ip("10.0.0.1");

    private static InetAddress ip(String literal) {
        return TrustedProxies.literal(literal);
    }

    private static InetAddress client(String... headerValues) {
        return ForwardedFor.client(PROXY, List.of(headerValues), TRUSTED);
    }

    @Test
    void theProxysOwnEntryNamesTheClient() {
        assertThat(client("203.0.113.7")).isEqualTo(ip("203.0.113.7"));
        assertThat(client("2001:db8::7")).isEqualTo(ip("2001:db8::7"));
    }

    @Test
    void whatTheClientWroteInFrontIsPassedOver() {
        assertThat(client("6.6.6.6, 203.0.113.7")).isEqualTo(ip("203.0.113.7"));
        assertThat(client("6.6.6.6", "203.0.113.7")).as("two headers read as one list").isEqualTo(ip("203.0.113.7"));
        assertThat(client("not an address,203.0.113.7")).isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void trustedHopsOnTheRightAreSkipped() {
        assertThat(client("203.0.113.7, 10.1.2.3, 10.0.0.9")).isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void aClientInsideTheTrustedRangeIsTheLeftMostTrustedHop() {
        assertThat(client("10.9.9.9, 10.1.2.3")).isEqualTo(ip("10.9.9.9"));
    }

    @Test
    void noHeaderMeansTheProxysOwnRequest() {
        assertThat(client()).isEqualTo(PROXY);
    }

    @Test
    void anEntryThatIsNoAddressStopsAtTheLastHopVouchedFor() {
        assertThat(client("unknown")).isEqualTo(PROXY);
        assertThat(client("203.0.113.7, unknown, 10.1.2.3")).isEqualTo(ip("10.1.2.3"));
        assertThat(client("")).isEqualTo(PROXY);
    }

    @Test
    void portsSomeProxiesAddAreIgnored() {
        assertThat(client("203.0.113.7:4711")).isEqualTo(ip("203.0.113.7"));
        assertThat(client("[2001:db8::7]:4711")).isEqualTo(ip("2001:db8::7"));
        assertThat(client("[2001:db8::7]")).isEqualTo(ip("2001:db8::7"));
    }
}
