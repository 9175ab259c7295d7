package dev.surge.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import org.springframework.web.reactive.function.server.ServerRequest;

/** Which address is the client, and when {@code X-Forwarded-For} may say so. */
class ClientIpTests {

    private static final ClientIp NO_PROXIES = clientIp();
    private static final ClientIp BEHIND_PROXIES = clientIp("10.0.0.0/8", "192.0.2.1", "fd00::/8");

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(NO_PROXIES.of(request("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
        assertThat(NO_PROXIES.of(request("10.1.2.3", "203.0.113.9"))).isEqualTo("10.1.2.3");
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        assertThat(BEHIND_PROXIES.of(request("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightmostUntrustedHop() {
        assertThat(BEHIND_PROXIES.of(request("10.1.2.3", "203.0.113.9"))).isEqualTo("203.0.113.9");
        // The client forged the first entry; the edge proxy (192.0.2.1) appended the real one.
        assertThat(BEHIND_PROXIES.of(request("10.1.2.3", "1.1.1.1, 203.0.113.9, 192.0.2.1")))
                .isEqualTo("203.0.113.9");
        assertThat(BEHIND_PROXIES.of(request("10.1.2.3", "1.1.1.1", "203.0.113.9, 10.9.9.9")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertThat(BEHIND_PROXIES.of(request("10.1.2.3", "10.4.5.6, 192.0.2.1"))).isEqualTo("10.4.5.6");
        assertThat(BEHIND_PROXIES.of(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
    }

    @Test
    void aHopThatIsNotAnAddressEndsTheWalkAndIsNeverResolved() {
        assertThat(BEHIND_PROXIES.of(request("10.1.2.3", "203.0.113.9, evil.example"))).isEqualTo("10.1.2.3");
        assertThat(BEHIND_PROXIES.of(request("10.1.2.3", "unknown, 10.4.5.6"))).isEqualTo("10.4.5.6");
        assertThat(BEHIND_PROXIES.of(request("10.1.2.3", ""))).isEqualTo("10.1.2.3");
    }

    @Test
    void portsAndIpv6AreUnderstood() {
        assertThat(BEHIND_PROXIES.of(request("10.1.2.3", "203.0.113.9:51234"))).isEqualTo("203.0.113.9");
        assertThat(BEHIND_PROXIES.of(request("10.1.2.3", "[2001:db8:0:0:0:0:0:1]:443"))).isEqualTo("2001:db8::1");
        assertThat(BEHIND_PROXIES.of(request("fd12::1", "2001:db8::1"))).isEqualTo("2001:db8::1");
        assertThat(BEHIND_PROXIES.of(request("10.1.2.3", "::ffff:203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void ipv6ClientsAreLimitedByTheirSlash64() {
        assertThat(NO_PROXIES.limitKey(request("2001:db8:1:2:aaaa:bbbb:cccc:dddd", null)))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(NO_PROXIES.limitKey(request("2001:db8:1:2::9", null))).isEqualTo("2001:db8:1:2::/64");
        assertThat(NO_PROXIES.limitKey(request("198.51.100.7", null))).isEqualTo("198.51.100.7");
    }

    @Test
    void noPeerAddressIsUnknown() {
        ServerRequest request = MockServerRequest.builder().build();
        assertThat(NO_PROXIES.of(request)).isEqualTo(ClientIp.UNKNOWN);
        assertThat(NO_PROXIES.limitKey(request)).isEqualTo(ClientIp.UNKNOWN);
    }

    @Test
    void trustedProxiesMustBeAddressesOrBlocks() {
        assertThatThrownBy(() -> clientIp("proxy.internal")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> clientIp("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clientIp("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blocksMatchOnTheirPrefixOnly() {
        ClientIp narrow = clientIp("192.0.2.128/25");
        assertThat(narrow.of(request("192.0.2.200", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(narrow.of(request("192.0.2.127", "203.0.113.9"))).isEqualTo("192.0.2.127");
    }

    private static ServerRequest request(String peer, String... forwardedFor) {
        MockServerRequest.Builder builder = MockServerRequest.builder()
                .remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor != null) {
            for (String value : forwardedFor) {
                builder.header("X-Forwarded-For", value);
            }
        }
        return builder.build();
    }

    private static ClientIp clientIp(String... trustedProxies) {
        return new ClientIp(new RateLimitProperties(Map.of(), List.of(trustedProxies)));
    }
}
