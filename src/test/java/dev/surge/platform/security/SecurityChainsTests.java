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
        assertThat(outcome(path, true, SecurityChainsTests::mixed)).isEqualTo(outcome(path, false, SecurityChainsTests::mixed));
    }

    /** Matchers that all answer at once, two of them overlapping (the first match wins), the late one last. */
    @ParameterizedTest
    @ValueSource(strings = {"/docs/index.html", "/metrics", "/api/v1/admin/users", "/api/v1/cart", "/failing/x",
            "/slow/thing", "/other", "/api/v1/a%2Fb"})
    void choosesAsSpringSecuritysProxyWhenMatchersAnswerAtOnce(String path) {
        String ours = outcome(path, true, SecurityChainsTests::atOnce);
        assertThat(ours).isEqualTo(outcome(path, false, SecurityChainsTests::atOnce));
        if (path.startsWith("/api/v1/admin")) {
            assertThat(ours).startsWith("filter admin 1, filter admin 2, app");
        }
    }

    @org.junit.jupiter.api.Test
    void refusesASpringProxyWithAChainDecorator() {
        WebFilterChainProxy spring = new WebFilterChainProxy(atOnce(new ArrayList<>()));
        spring.setFilterChainDecorator((chain, filters) -> FilterSequence.of(filters, chain));
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> SecurityChains.replacing(spring));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/docs/index.html", "/metrics", "/slow/thing", "/api/v1/cart"})
    void theChosenChainsFiltersRunBeforeTheApplication(String path) {
        String outcome = outcome(path, true, SecurityChainsTests::mixed);
        assertThat(outcome).contains("app").doesNotContain("error");
        assertThat(outcome.indexOf("filter")).isLessThan(outcome.indexOf("app"));
    }

    @org.junit.jupiter.api.Test
    void aRejectedRequestGoesToTheRejectionHandler() {
        assertThat(outcome("/api/v1/a%2Fb", true, SecurityChainsTests::mixed)).isEqualTo("rejected 400");
    }

    @org.junit.jupiter.api.Test
    void aFailingMatcherFailsTheRequest() {
        assertThat(outcome("/failing/x", true, SecurityChainsTests::atOnce)).startsWith("error IllegalStateException");
    }

    @org.junit.jupiter.api.Test
    void noChainMeansTheRestOfTheApplication() {
        assertThat(outcome("/other", true, SecurityChainsTests::atOnce)).isEqualTo("app");
    }

    /**
     * What happened to a GET of {@code path} through our proxy ({@code ours}) or Spring's: the filters and
     * application steps that ran, or how it ended.
     */
    private static String outcome(String path, boolean ours, Function<List<String>, List<SecurityWebFilterChain>> chainsOf) {
        List<String> ran = new ArrayList<>();
        WebFilterChainProxy spring = new WebFilterChainProxy(chainsOf.apply(ran));
        spring.setFirewall(new StrictServerWebExchangeFirewall());
        ServerExchangeRejectedHandler rejected = (exchange, e) -> {
            ran.add("rejected 400");
            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
            return Mono.empty();
        };
        spring.setExchangeRejectedHandler(rejected);
        WebFilterChainProxy proxy;
        if (ours) {
            proxy = SecurityChains.replacing(spring);
        } else {
            spring.setFilterChainDecorator((chain, filters) -> FilterSequence.of(filters, chain));
            proxy = spring;
        }
        ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
        try {
            proxy.filter(exchange, app -> Mono.fromRunnable(() -> ran.add("app"))).block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            ran.add("error " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        return String.join(", ", ran);
    }

    /** Chains whose matchers answer at once, later, or fail. */
    private static List<SecurityWebFilterChain> mixed(List<String> ran) {
        return List.of(
                chain(ServerWebExchangeMatchers.pathMatchers("/docs/**"), ran, "docs"),
                chain(AccessRules.matcher(null, "/metrics", "/metrics/**"), ran, "metrics"),
                chain(exchange -> Mono.delay(Duration.ofMillis(5)).then(startsWith(exchange, "/slow")), ran, "slow"),
                chain(exchange -> startsWith(exchange, "/failing").flatMap(match -> match.isMatch()
                        ? Mono.error(new IllegalStateException("matcher failed")) : Mono.just(match)), ran, "failing"),
                chain(ServerWebExchangeMatchers.pathMatchers("/api/**"), ran, "api"));
    }

    /** Chains whose matchers all answer at once ("admin" and "api" overlap), then a late one. */
    private static List<SecurityWebFilterChain> atOnce(List<String> ran) {
        return List.of(
                chain(ServerWebExchangeMatchers.pathMatchers("/docs/**"), ran, "docs"),
                chain(AccessRules.matcher(null, "/metrics", "/metrics/**"), ran, "metrics"),
                chain(AccessRules.matcher(null, "/api/v1/admin/**"), ran, "admin"),
                chain(exchange -> startsWith(exchange, "/failing").flatMap(match -> match.isMatch()
                        ? Mono.error(new IllegalStateException("matcher failed")) : Mono.just(match)), ran, "failing"),
                chain(ServerWebExchangeMatchers.pathMatchers("/api/**"), ran, "api"),
                chain(exchange -> Mono.delay(Duration.ofMillis(5)).then(startsWith(exchange, "/slow")), ran, "slow"));
    }

    private static Mono<ServerWebExchangeMatcher.MatchResult> startsWith(ServerWebExchange exchange, String prefix) {
        return exchange.getRequest().getPath().value().startsWith(prefix) ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
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
