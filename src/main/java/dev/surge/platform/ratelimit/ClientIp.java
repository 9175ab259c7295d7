package dev.surge.platform.ratelimit;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The address of the client that sent a request, for rate limits and audit logs.
 *
 * <p>The TCP peer ({@link ServerRequest#remoteAddress()}) is the client unless it is one of
 * {@code surge.rate-limits.trusted-proxies}. Only then is {@code X-Forwarded-For} read, from the right:
 * each trusted proxy appends the address it received from, so the first entry from the right that is not
 * itself a trusted proxy is the client; anything left of it was written by the client and may be forged.
 * With no trusted proxies (the default) the header is ignored, because any client can send it and would
 * otherwise choose its own rate-limit bucket. An entry that is not an IP literal ends the walk (names are
 * never resolved: that would be a blocking DNS lookup on user input).
 *
 * <p>Keep {@code server.forward-headers-strategy} unset: {@code native} or {@code framework} would rewrite
 * the remote address from these headers for every peer, trusted or not.
 */
@Component
public class ClientIp {

    /** Returned when the server knows no peer address (only seen in tests that bypass the network). */
    public static final String UNKNOWN = "unknown";

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final int MAX_HOPS = 20;

    private final List<Cidr> trustedProxies;

    public ClientIp(RateLimitProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().map(Cidr::parse).toList();
    }

    /** The client's address in canonical text form ({@code 203.0.113.7}, {@code 2001:db8::1}). */
    public String of(ServerRequest request) {
        byte[] address = resolve(request.remoteAddress().orElse(null), request.headers().header(FORWARDED_FOR));
        return address == null ? UNKNOWN : NetUtil.bytesToIpAddress(address);
    }

    /**
     * The key to rate-limit a client by: its IPv4 address, or the /64 network of an IPv6 address, since one
     * IPv6 subscriber or cloud machine usually holds a whole /64 and could otherwise rotate through it.
     */
    public String limitKey(ServerRequest request) {
        return limitKey(resolve(request.remoteAddress().orElse(null), request.headers().header(FORWARDED_FOR)));
    }

    /** {@link #limitKey(ServerRequest)} for a web filter's request. */
    public String limitKey(org.springframework.http.server.reactive.ServerHttpRequest request) {
        List<String> forwarded = request.getHeaders().get(FORWARDED_FOR);
        return limitKey(resolve(request.getRemoteAddress(), forwarded == null ? List.of() : forwarded));
    }

    private static String limitKey(byte[] address) {
        if (address == null) {
            return UNKNOWN;
        }
        if (address.length == 16) {
            byte[] network = Arrays.copyOf(Arrays.copyOf(address, 8), 16);
            return NetUtil.bytesToIpAddress(network) + "/64";
        }
        return NetUtil.bytesToIpAddress(address);
    }

    private byte[] resolve(InetSocketAddress peer, List<String> forwardedHeaders) {
        if (peer == null || peer.getAddress() == null) {
            return null;
        }
        byte[] current = normalise(peer.getAddress().getAddress());
        if (!trusted(current)) {
            return current;
        }
        List<String> hops = forwardedFor(forwardedHeaders);
        for (int i = hops.size() - 1; i >= 0 && hops.size() - i <= MAX_HOPS; i--) {
            byte[] hop = parse(hops.get(i));
            if (hop == null) {
                return current;
            }
            current = hop;
            if (!trusted(current)) {
                return current;
            }
        }
        return current;
    }

    private boolean trusted(byte[] address) {
        for (Cidr cidr : trustedProxies) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> forwardedFor(List<String> headers) {
        List<String> hops = new ArrayList<>();
        for (String header : headers) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        return hops;
    }

    /** An IP literal, optionally {@code [v6]:port} or {@code v4:port} as some proxies write it; else null. */
    static byte[] parse(String text) {
        String literal = text;
        if (literal.startsWith("[")) {
            int end = literal.indexOf(']');
            if (end < 0) {
                return null;
            }
            literal = literal.substring(1, end);
        } else if (literal.indexOf(':') > 0 && literal.indexOf(':') == literal.lastIndexOf(':')) {
            literal = literal.substring(0, literal.indexOf(':'));
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        return bytes == null ? null : normalise(bytes);
    }

    /** IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) becomes the IPv4 address, so one client has one form. */
    private static byte[] normalise(byte[] address) {
        if (address.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return address;
                }
            }
            if (address[10] == (byte) 0xff && address[11] == (byte) 0xff) {
                return Arrays.copyOfRange(address, 12, 16);
            }
        }
        return address;
    }

    /** An address block, {@code 10.0.0.0/8} or a single address ({@code /32} or {@code /128} implied). */
    record Cidr(byte[] network, int prefixLength) {

        static Cidr parse(String text) {
            String trimmed = text.trim();
            int slash = trimmed.indexOf('/');
            String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
            if (bytes == null) {
                throw new IllegalArgumentException("surge.rate-limits.trusted-proxies: '" + text
                        + "' is not an IP address or CIDR block (host names are not accepted)");
            }
            bytes = normalise(bytes);
            int bits = bytes.length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("surge.rate-limits.trusted-proxies: '" + text
                        + "' has a prefix length outside 0.." + bits);
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
