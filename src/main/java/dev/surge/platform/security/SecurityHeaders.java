package dev.surge.platform.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The security headers of every API response, written in one synchronous pass.
 * <p>
 * Same headers and same rules as Spring Security's default writers configured for the API (see
 * {@code SecurityHeadersTests}, which compares the two on the same exchanges): each group is written only
 * when the response set none of its headers itself; the cache-control group is left out of a 304 and HSTS
 * out of a plain-HTTP request. Spring composes its seven writers as a {@code Flux} per response, and each
 * one lists its own few headers through a case-insensitive map built anew per call; on a cart read that was
 * 6 % of the CPU.
 */
final class SecurityHeaders implements ServerHttpHeadersWriter {

    private record Group(String[] names, String[] values, Predicate<ServerWebExchange> applies) {

        void write(ServerWebExchange exchange, HttpHeaders headers) {
            for (String name : names) {
                if (headers.containsHeader(name)) {
                    return;
                }
            }
            if (!applies.test(exchange)) {
                return;
            }
            for (int i = 0; i < names.length; i++) {
                headers.set(names[i], values[i]);
            }
        }
    }

    private final Group[] groups;

    private SecurityHeaders(List<Group> groups) {
        this.groups = groups.toArray(Group[]::new);
    }

    /**
     * Spring Security's defaults (no caching, {@code nosniff}, HSTS over HTTPS, frame denial, the XSS
     * auditor off) plus the API's content policy and referrer policy.
     */
    static SecurityHeaders forApi(String contentSecurityPolicy, String referrerPolicy, Duration hstsMaxAge,
            boolean hstsIncludeSubdomains) {
        Predicate<ServerWebExchange> always = exchange -> true;
        List<Group> groups = new ArrayList<>();
        groups.add(new Group(new String[] {HttpHeaders.CACHE_CONTROL, HttpHeaders.PRAGMA, HttpHeaders.EXPIRES},
                new String[] {"no-cache, no-store, max-age=0, must-revalidate", "no-cache", "0"},
                exchange -> exchange.getResponse().getStatusCode() != HttpStatus.NOT_MODIFIED));
        groups.add(new Group(new String[] {"X-Content-Type-Options"}, new String[] {"nosniff"}, always));
        groups.add(new Group(new String[] {"Strict-Transport-Security"},
                new String[] {"max-age=" + hstsMaxAge.getSeconds() + (hstsIncludeSubdomains ? " ; includeSubDomains" : "")},
                SecurityHeaders::secure));
        groups.add(new Group(new String[] {"X-Frame-Options"}, new String[] {"DENY"}, always));
        groups.add(new Group(new String[] {"X-XSS-Protection"}, new String[] {"0"}, always));
        groups.add(new Group(new String[] {"Content-Security-Policy"}, new String[] {contentSecurityPolicy}, always));
        groups.add(new Group(new String[] {"Referrer-Policy"}, new String[] {referrerPolicy}, always));
        return new SecurityHeaders(groups);
    }

    private static boolean secure(ServerWebExchange exchange) {
        String scheme = exchange.getRequest().getURI().getScheme();
        return scheme != null && scheme.equalsIgnoreCase("https");
    }

    @Override
    public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        for (Group group : groups) {
            group.write(exchange, headers);
        }
        return Mono.empty();
    }
}
