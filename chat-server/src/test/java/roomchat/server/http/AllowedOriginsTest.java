package roomchat.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule for which pages may open the WebSocket: the server's own names at its port, and those added. */
class AllowedOriginsTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 8081);
    private static final InetSocketAddress LAN = new InetSocketAddress("192.168.1.5", 8081);

    @Test
    void theServersOwnNamesAtItsPortArePermitted() {
        AllowedOrigins defaults = new AllowedOrigins(List.of(), "0.0.0.0");
        assertThat(defaults.permits("http://localhost:8081", LOOPBACK)).isTrue();
        assertThat(defaults.permits("http://LocalHost:8081", LOOPBACK)).isTrue();
        assertThat(defaults.permits("http://127.0.0.1:8081", LOOPBACK)).isTrue();
        assertThat(defaults.permits("http://[::1]:8081", LOOPBACK)).isTrue();
        assertThat(defaults.permits("http://[0:0:0:0:0:0:0:1]:8081", LOOPBACK)).isTrue();
        // The address the connection arrived at, written as an address: only this server serves pages there.
        assertThat(defaults.permits("http://192.168.1.5:8081", LAN)).isTrue();
    }

    @Test
    void aRebindingNameAnotherPortOrSchemeOrNonsenseIsRefused() {
        AllowedOrigins defaults = new AllowedOrigins(List.of(), "0.0.0.0");
        assertThat(defaults.permits("http://evil.example:8081", LOOPBACK)).isFalse();
        assertThat(defaults.permits("http://localhost:8082", LOOPBACK)).isFalse();
        assertThat(defaults.permits("http://localhost", LOOPBACK)).isFalse();
        assertThat(defaults.permits("https://localhost:8081", LOOPBACK)).isFalse();
        assertThat(defaults.permits("http://192.168.1.5:8081", LOOPBACK)).isFalse();
        assertThat(defaults.permits("null", LOOPBACK)).isFalse();
        assertThat(defaults.permits("not an origin", LOOPBACK)).isFalse();
        assertThat(defaults.permits("http://localhost:8081", null)).isFalse();
    }

    @Test
    void aSpecificListenHostIsOneOfTheServersNames() {
        AllowedOrigins named = new AllowedOrigins(List.of(), "Chat.LAN");
        assertThat(named.permits("http://chat.lan:8081", LAN)).isTrue();
        assertThat(named.permits("http://chat.lan:8081", LOOPBACK)).isTrue();
        assertThat(new AllowedOrigins(List.of(), "0.0.0.0").permits("http://chat.lan:8081", LAN)).isFalse();
    }

    @Test
    void addedOriginsAreLetInWithTheirOwnSchemeAndPort() {
        AllowedOrigins proxied = new AllowedOrigins(List.of("https://chat.example.org", " http://other.example:9000/ "), "0.0.0.0");
        assertThat(proxied.permits("https://chat.example.org", LOOPBACK)).isTrue();
        assertThat(proxied.permits("https://chat.example.org:443", LOOPBACK)).isTrue();
        assertThat(proxied.permits("http://other.example:9000", LOOPBACK)).isTrue();
        assertThat(proxied.permits("http://chat.example.org", LOOPBACK)).isFalse();
        assertThat(proxied.permits("https://evil.example", LOOPBACK)).isFalse();
        assertThat(proxied.permits("http://localhost:8081", LOOPBACK)).isTrue();
        assertThat(new AllowedOrigins(List.of("*"), "0.0.0.0").permits("https://anywhere.example", LOOPBACK)).isTrue();
    }

    @Test
    void onlyOriginsOrAStarMayBeAdded() {
        assertThat(AllowedOrigins.isValidEntry("https://chat.example.org")).isTrue();
        assertThat(AllowedOrigins.isValidEntry("*")).isTrue();
        assertThat(AllowedOrigins.isValidEntry("chat.example.org")).isFalse();
        assertThat(AllowedOrigins.isValidEntry("https://chat.example.org/page")).isFalse();
        assertThat(AllowedOrigins.isValidEntry("ftp://chat.example.org")).isFalse();
        assertThatThrownBy(() -> new AllowedOrigins(List.of("chat.example.org"), "0.0.0.0"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
