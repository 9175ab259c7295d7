package dev.surge.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;

/**
 * The API's one-pass security headers write exactly what Spring Security's writers write when configured
 * as the API chain used to configure them (its defaults, plus content policy, referrer policy and HSTS),
 * response by response.
 */
class SecurityHeadersTests {

    private static final String CSP = "default-src 'none'; frame-ancestors 'none'";

    private final ServerHttpHeadersWriter ours = SecurityConfig.API_HEADERS;

    private final ServerHttpHeadersWriter spring = springWriters();

    private static ServerHttpHeadersWriter springWriters() {
        StrictTransportSecurityServerHttpHeadersWriter hsts = new StrictTransportSecurityServerHttpHeadersWriter();
        hsts.setIncludeSubDomains(true);
        hsts.setMaxAge(Duration.ofDays(365));
        ContentSecurityPolicyServerHttpHeadersWriter csp = new ContentSecurityPolicyServerHttpHeadersWriter();
        csp.setPolicyDirectives(CSP);
        ReferrerPolicyServerHttpHeadersWriter referrer = new ReferrerPolicyServerHttpHeadersWriter();
        referrer.setPolicy(ReferrerPolicy.NO_REFERRER);
        // The order of Spring Security's HeaderSpec; the policies it leaves unset write nothing.
        return new CompositeServerHttpHeadersWriter(List.of(new CacheControlServerHttpHeadersWriter(),
                new ContentTypeOptionsServerHttpHeadersWriter(), hsts, new XFrameOptionsServerHttpHeadersWriter(),
                new XXssProtectionServerHttpHeadersWriter(), csp, referrer));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://localhost/api/v1/cart | 200 | ",
        "https://shop.example/api/v1/cart | 200 | ",
        "HTTPS://shop.example/api/v1/cart | 201 | ",
        "https://shop.example/api/v1/products/x | 304 | ",
        "http://localhost/api/v1/products/x | 304 | ETag=\"abc\"",
        "http://localhost/api/v1/products/x | 200 | Cache-Control=public, max-age=60",
        "http://localhost/api/v1/products/x | 200 | cache-control=public, max-age=60",
        "http://localhost/api/v1/products/x | 200 | Expires=Thu, 01 Jan 2037 00:00:00 GMT",
        "http://localhost/api/v1/products/x | 200 | Pragma=no-cache",
        "http://localhost/media/x.png | 200 | Content-Security-Policy=default-src 'self'",
        "https://shop.example/api/v1/x | 200 | Strict-Transport-Security=max-age=60",
        "http://localhost/api/v1/x | 404 | X-Frame-Options=SAMEORIGIN",
        "http://localhost/api/v1/x | 409 | X-Content-Type-Options=nosniff",
        "http://localhost/api/v1/x | 500 | Referrer-Policy=origin",
        "http://localhost/api/v1/x | 200 | X-XSS-Protection=1; mode=block",
    })
    void writeWhatSpringSecuritysWritersWrite(String url, int status, String preset) {
        assertThat(headersAfter(ours, url, status, preset)).isEqualTo(headersAfter(spring, url, status, preset))
                .isNotEmpty();
    }

    private static Map<String, List<String>> headersAfter(ServerHttpHeadersWriter writer, String url, int status, String preset) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(url));
        exchange.getResponse().setStatusCode(HttpStatus.valueOf(status));
        if (preset != null) {
            int eq = preset.indexOf('=');
            exchange.getResponse().getHeaders().add(preset.substring(0, eq), preset.substring(eq + 1));
        }
        writer.writeHttpHeaders(exchange).block();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getResponse().getHeaders().forEach(headers::put);
        return headers;
    }
}
