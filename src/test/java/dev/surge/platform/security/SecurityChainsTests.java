package dev.surge.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.web.FilterSequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Our security proxy picks the same chain as Spring Security's {@link WebFilterChainProxy}, request by request:
 * both are given the same chains (matchers that answer at once, later, or fail), firewall and rejection handler,
 * and must run the same filters, then the same rest of the application, or end the same way.
 */
class SecurityChainsTests {

    @ParameterizedTest
    @ValueSource(strings = {"/docs/index.html", "/metrics", "/metrics/prometheus", "/slow/thing", "/failing/x",
            "/api/v1/cart", "/other", "/api/v1/%2e%2e/admin", "/api/v1/a%2Fb", "/api//v1/cart", "/api/v1/cart;jsessionid=1"})
    void choosesAsSpringSecuritysProxy(String path) {
        assertThat(outcome(path, SecurityChains::replacing)).isEqualTo(outcome(path, proxy -> proxy));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/docs/index.html", "/metrics", "/slow/thing", "/api/v1/cart"})
    void theChosenChainsFiltersRunBeforeTheApplication(String path) {
        String outcome = outcome(path, SecurityChains::replacing);
        assertThat(outcome).contains("app").doesNotContain("error");
        assertThat(outcome.indexOf("filter")).isLessThan(outcome.indexOf("app"));
    }

    @org.junit.jupiter.api.Test
    void aRejectedRequestGoesToTheRejectionHandler() {
        assertThat(outcome("/api/v1/a%2Fb", SecurityChains::replacing)).isEqualTo("rejected 400");
    }

    @org.junit.jupiter.api.Test
    void aFailingMatcherFailsTheRequest() {
        assertThat(outcome("/failing/x", SecurityChains::replacing)).startsWith("error IllegalStateException");
    }

    @org.junit.jupiter.api.Test
    void noChainMeansTheRestOfTheApplication() {
        assertThat(outcome("/other", SecurityChains::replacing)).isEqualTo("app");
    }

    /** What happened to a GET of {@code path}: the filters and application steps that ran, or how it ended. */
    private static String outcome(String path, Function<WebFilterChainProxy, WebFilterChainProxy> proxyOf) {
        List<String> ran = new ArrayList<>();
        List<SecurityWebFilterChain> chains = List.of(
                chain(ServerWebExchangeMatchers.pathMatchers("/docs/**"), ran, "docs"),
                chain(AccessRules.matcher(null, "/metrics", "/metrics/**"), ran, "metrics"),
                chain(exchange -> Mono.delay(Duration.ofMillis(5))
                        .then(exchange.getRequest().getPath().value().startsWith("/slow")
                                ? ServerWebExchangeMatcher.MatchResult.match()
                                : ServerWebExchangeMatcher.MatchResult.notMatch()), ran, "slow"),
                chain(exchange -> exchange.getRequest().getPath().value().startsWith("/failing")
                        ? Mono.error(new IllegalStateException("matcher failed"))
                        : ServerWebExchangeMatcher.MatchResult.notMatch(), ran, "failing"),
                chain(ServerWebExchangeMatchers.pathMatchers("/api/**"), ran, "api"));
        WebFilterChainProxy spring = new WebFilterChainProxy(chains);
        spring.setFirewall(new StrictServerWebExchangeFirewall());
        ServerExchangeRejectedHandler rejected = (exchange, e) -> {
            ran.add("rejected 400");
            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
            return Mono.empty();
        };
        spring.setExchangeRejectedHandler(rejected);
        spring.setFilterChainDecorator((chain, filters) -> FilterSequence.of(filters, chain));
        WebFilterChainProxy proxy = proxyOf.apply(spring);
        ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
        try {
            proxy.filter(exchange, app -> Mono.fromRunnable(() -> ran.add("app"))).block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            ran.add("error " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        return String.join(", ", ran);
    }

    private static SecurityWebFilterChain chain(ServerWebExchangeMatcher matcher, List<String> ran, String name) {
        WebFilter first = (exchange, chain) -> {
            ran.add("filter " + name + " 1");
            return chain.filter(exchange);
        };
        WebFilter second = (exchange, chain) -> {
            ran.add("filter " + name + " 2");
            return chain.filter(exchange);
        };
        return new MatcherSecurityWebFilterChain(matcher, List.of(first, second));
    }
}
