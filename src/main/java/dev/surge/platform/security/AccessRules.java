package dev.surge.platform.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.WebFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Who may call what, as one ordered table matched synchronously: the first rule whose method and path
 * pattern match the request decides; a request no rule names needs an authenticated caller.
 * <p>
 * The decisions are those of Spring Security's {@code pathMatchers(...).permitAll()/authenticated()/
 * hasAnyRole(...)}, but a request costs one walk over pre-parsed patterns instead of a reactive matcher
 * (a {@code Flux} with debug-log formatting) per pattern of every rule above its own; public routes do not
 * even look at the caller. An anonymous caller refused here gets 401 and an authenticated one 403, as
 * before (the exception handling of the filter chain tells them apart).
 */
final class AccessRules implements ReactiveAuthorizationManager<AuthorizationContext> {

    private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));
    private static final AuthorizationDecision YES = new AuthorizationDecision(true);
    private static final AuthorizationDecision NO = new AuthorizationDecision(false);
    private static final Mono<AuthorizationResult> DENIED = Mono.just(NO);

    private final List<Rule> rules;
    private final Rule otherwise;

    private AccessRules(List<Rule> rules, Rule otherwise) {
        this.rules = List.copyOf(rules);
        this.otherwise = otherwise;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        Rule rule = ruleFor(context.getExchange().getRequest());
        return rule.permitted() ? GRANTED : authentication.<AuthorizationResult>map(rule::decide).defaultIfEmpty(NO);
    }

    /**
     * The table as a security chain's authorization filter, in place of Spring Security's
     * {@code AuthorizationWebFilter} over a {@code DelegatingReactiveAuthorizationManager}: the same decisions
     * ({@link #authorize}), the same {@link AccessDeniedException} for the chain's exception translation to turn
     * into 401 or 403. Spring's filter reads the caller with {@code mapNotNull}, a {@code handle} operator that
     * restores every thread local of the request's context (observation, trace, logging) around each call under
     * {@code spring.reactor.context-propagation: limited}, and asks its delegating manager to match every request against
     * {@code anyExchange} through a {@code concatMap}: together 4-5 % of a flash-sale attempt's CPU. Public
     * routes do not read the caller at all.
     */
    WebFilter filter() {
        return (exchange, chain) -> {
            Rule rule = ruleFor(exchange.getRequest());
            if (rule.permitted()) {
                return chain.filter(exchange);
            }
            return ReactiveSecurityContextHolder.getContext()
                    .filter(context -> context.getAuthentication() != null)
                    .map(context -> rule.decide(context.getAuthentication()))
                    .defaultIfEmpty(NO)
                    .flatMap(decision -> decision.isGranted() ? chain.filter(exchange)
                            : Mono.error(new AccessDeniedException("Access Denied")));
        };
    }

    /** The rule deciding this request (package-private for tests). */
    Rule ruleFor(ServerHttpRequest request) {
        return ruleFor(request.getMethod(), request.getPath().pathWithinApplication());
    }

    /** The rule deciding requests of this method and path (also for describing the API). */
    Rule ruleFor(HttpMethod method, PathContainer path) {
        String value = path.value();
        // Percent-escapes, matrix parameters and empty segments are matched by the patterns after decoding and
        // parsing: only a plain path may skip a pattern because it does not start with the pattern's literal text.
        boolean plain = value.indexOf('%') < 0 && value.indexOf(';') < 0 && !value.contains("//");
        return ruleFor(method, path, plain ? value : null);
    }

    /**
     * The first rule matching, where {@code plain} is the path itself when it is plain, or null to try every
     * pattern of every rule (package-private so a test can compare both walks).
     */
    Rule ruleFor(HttpMethod method, PathContainer path, String plain) {
        for (Rule rule : rules) {
            if (rule.matches(method, path, plain)) {
                return rule;
            }
        }
        return otherwise;
    }

    private static AuthorizationDecision ifSignedIn(Authentication authentication) {
        return !(authentication instanceof AnonymousAuthenticationToken) && authentication.isAuthenticated() ? YES : NO;
    }

    /**
     * A synchronous request matcher over fixed patterns, for a security chain's {@code securityMatcher}:
     * the two possible answers are built once.
     */
    static ServerWebExchangeMatcher matcher(HttpMethod method, String... patterns) {
        Rule rule = new Rule(method, patterns, false, null);
        Mono<ServerWebExchangeMatcher.MatchResult> match = ServerWebExchangeMatcher.MatchResult.match();
        Mono<ServerWebExchangeMatcher.MatchResult> noMatch = ServerWebExchangeMatcher.MatchResult.notMatch();
        return exchange -> rule.matches(exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().pathWithinApplication()) ? match : noMatch;
    }

    /** One line of the table: which requests, and what their caller needs. */
    static final class Rule {

        private final HttpMethod method;
        private final PathPattern[] patterns;
        /**
         * Per pattern, the literal text every plain path it matches starts with (up to the segment of its first
         * wildcard); paths with percent-escapes, matrix parameters or empty segments are not held to it.
         */
        private final String[] literals;
        private final boolean authenticated;
        private final Set<String> roles;
        private final String description;

        private Rule(HttpMethod method, String[] patterns, boolean authenticated, Set<String> roles) {
            this.method = method;
            this.patterns = Arrays.stream(patterns).map(PathPatternParser.defaultInstance::parse).toArray(PathPattern[]::new);
            this.literals = Arrays.stream(patterns).map(Rule::literalPrefix).toArray(String[]::new);
            this.authenticated = authenticated;
            this.roles = roles;
            this.description = (method == null ? "ANY" : method.name()) + " " + Arrays.toString(patterns) + " -> "
                    + (roles != null ? "roles " + roles : authenticated ? "authenticated" : "permitted");
        }

        boolean matches(HttpMethod requestMethod, PathContainer path) {
            return matches(requestMethod, path, null);
        }

        /** As {@link #matches(HttpMethod, PathContainer)}; a non-null {@code plain} path skips patterns by their literal text. */
        boolean matches(HttpMethod requestMethod, PathContainer path, String plain) {
            if (method != null && !method.equals(requestMethod)) {
                return false;
            }
            for (int i = 0; i < patterns.length; i++) {
                if ((plain == null || plain.startsWith(literals[i])) && patterns[i].matches(path)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The text before the separator that precedes a pattern's first wildcard ({@code /a/b/{id}} and
         * {@code /a/b/**} give {@code /a/b}, since {@code /a/b/**} also matches {@code /a/b}); the whole pattern
         * when it has none.
         */
        static String literalPrefix(String pattern) {
            int wildcard = -1;
            for (int i = 0; i < pattern.length() && wildcard < 0; i++) {
                char c = pattern.charAt(i);
                if (c == '{' || c == '*' || c == '?') {
                    wildcard = i;
                }
            }
            return wildcard < 0 ? pattern : pattern.substring(0, Math.max(0, pattern.lastIndexOf('/', wildcard)));
        }

        /** Anyone may call these, signed in or not. */
        boolean permitted() {
            return !authenticated && roles == null;
        }

        /** The roles one of which the caller needs ({@code ADMIN}, without the prefix), empty if any caller will do. */
        List<String> roles() {
            return roles == null ? List.of() : roles.stream().map(role -> role.substring("ROLE_".length())).sorted().toList();
        }

        /** What this rule says of a caller (one that is there: a request without one is refused). */
        AuthorizationDecision decide(Authentication authentication) {
            return permitted() ? YES : roles == null ? ifSignedIn(authentication) : ifInRole(authentication);
        }

        private AuthorizationDecision ifInRole(Authentication authentication) {
            if (!authentication.isAuthenticated()) {
                return NO;
            }
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                if (roles.contains(authority.getAuthority())) {
                    return YES;
                }
            }
            return NO;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** Rules in the order they are tried. */
    static final class Builder {

        private final List<Rule> rules = new ArrayList<>();

        /** Anyone may call these, signed in or not. */
        Builder permit(HttpMethod method, String... patterns) {
            rules.add(new Rule(method, patterns, false, null));
            return this;
        }

        /** Any signed-in caller may call these. */
        Builder authenticated(HttpMethod method, String... patterns) {
            rules.add(new Rule(method, patterns, true, null));
            return this;
        }

        /** Only callers with one of these roles ({@code ADMIN}, not {@code ROLE_ADMIN}) may call these. */
        Builder roles(String[] patterns, String... roles) {
            rules.add(new Rule(null, patterns, true,
                    Arrays.stream(roles).map(role -> "ROLE_" + role).collect(Collectors.toUnmodifiableSet())));
            return this;
        }

        /** Everything else needs a signed-in caller. */
        AccessRules otherwiseAuthenticated() {
            return new AccessRules(rules, new Rule(null, new String[0], true, null));
        }
    }
}
