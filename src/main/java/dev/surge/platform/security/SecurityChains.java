package dev.surge.platform.security;

import dev.surge.platform.web.FilterSequence;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Subscription;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Spring Security's {@link WebFilterChainProxy}, choosing the security chain of a request without a reactive
 * pipeline per request.
 * <p>
 * Spring's proxy picks the chain with {@code Flux.fromIterable(chains).filterWhen(matches).next()}, then
 * collects the chosen chain's filters with {@code getWebFilters().collectList()}, on every request. The
 * {@code filterWhen} operator alone (its queue, an inner subscriber per chain, a discard hook looked up in
 * the request's context for each chain it drops) was 2-3 % of a signed-in cart's CPU. Our chains' matchers
 * answer at once ({@link AccessRules#matcher}, and Spring's {@code anyExchange} for the API chain), so here each
 * matcher's answer is taken as it is given, and each chain's filters are listed once, when the proxy is made.
 * <p>
 * The decisions are Spring's: the same firewall first, the first matching chain in the same order, its
 * filters run as a {@link FilterSequence} (as {@link SecurityConfig} has Spring's proxy do), no chain means
 * the rest of the application's chain, and a rejected exchange goes to the same handler. Matchers see the
 * request's Reactor context, as under Spring's {@code filterWhen}. A matcher that does not answer at once is
 * asked again the reactive way, from that chain on. Spring's proxy must have its default chain decorator
 * (request observations off, {@link SecurityConfig#securityObservations()}): the start fails otherwise.
 */
final class SecurityChains extends WebFilterChainProxy {

    private final SecurityWebFilterChain[] chains;
    private final List<WebFilter>[] filters;
    private final ServerWebExchangeFirewall firewall;
    private final ServerExchangeRejectedHandler rejectedHandler;

    @SuppressWarnings("unchecked")
    SecurityChains(List<SecurityWebFilterChain> chains, ServerWebExchangeFirewall firewall,
            ServerExchangeRejectedHandler rejectedHandler) {
        super(chains);
        this.chains = chains.toArray(SecurityWebFilterChain[]::new);
        this.filters = new List[this.chains.length];
        for (int i = 0; i < this.chains.length; i++) {
            // Listed once, at start-up on the thread that makes the beans (a chain's filters are fixed when it is
            // built; Spring's own chains list them with Flux.fromIterable, so this block() never waits).
            this.filters[i] = List.copyOf(this.chains[i].getWebFilters().collectList().block());
        }
        this.firewall = firewall;
        this.rejectedHandler = rejectedHandler;
        setFirewall(firewall);
        setExchangeRejectedHandler(rejectedHandler);
        setFilterChainDecorator((chain, chainFilters) -> FilterSequence.of(chainFilters, chain));
    }

    /**
     * The same proxy as Spring's {@code proxy}: its chains, firewall and rejected-exchange handler, read from it.
     * Fails the start if a Spring Security upgrade renames them, rather than quietly keeping Spring's proxy.
     */
    @SuppressWarnings("unchecked")
    static SecurityChains replacing(WebFilterChainProxy proxy) {
        Object decorator = field(proxy, "filterChainDecorator", WebFilterChainProxy.WebFilterChainDecorator.class);
        if (!(decorator instanceof WebFilterChainProxy.DefaultWebFilterChainDecorator)) {
            // An observing decorator (request observations back on) or anyone else's would be dropped here.
            throw new IllegalStateException("Spring Security's proxy has the chain decorator " + decorator
                    + ": SecurityChains runs the filters without one, so it must be adapted first");
        }
        return new SecurityChains((List<SecurityWebFilterChain>) field(proxy, "filters", List.class),
                field(proxy, "firewall", ServerWebExchangeFirewall.class),
                field(proxy, "exchangeRejectedHandler", ServerExchangeRejectedHandler.class));
    }

    private static <T> T field(WebFilterChainProxy proxy, String name, Class<T> type) {
        Field field = ReflectionUtils.findField(WebFilterChainProxy.class, name, type);
        if (field == null) {
            throw new IllegalStateException("WebFilterChainProxy has no " + name + " field: "
                    + "SecurityChains must be adapted to this Spring Security version");
        }
        ReflectionUtils.makeAccessible(field);
        return type.cast(java.util.Objects.requireNonNull(ReflectionUtils.getField(field, proxy), name));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return firewall.getFirewalledExchange(exchange)
                .flatMap(firewalled -> filterFirewalled(firewalled, chain))
                .onErrorResume(ServerExchangeRejectedException.class,
                        rejected -> rejectedHandler.handle(exchange, rejected).then(Mono.empty()));
    }

    private Mono<Void> filterFirewalled(ServerWebExchange exchange, WebFilterChain chain) {
        return Mono.deferContextual(view -> {
            Context context = Context.of(view);
            for (int i = 0; i < chains.length; i++) {
                Answer answer = new Answer(context);
                chains[i].matches(exchange).subscribe(answer);
                if (!answer.given()) {
                    return reactively(i, exchange, chain);
                }
                if (answer.error != null) {
                    return Mono.error(answer.error);
                }
                if (Boolean.TRUE.equals(answer.value)) {
                    return FilterSequence.of(filters[i], chain).filter(exchange);
                }
            }
            return chain.filter(exchange);
        });
    }

    /** Spring's own way, from chain {@code from} on: for matchers that answer later. */
    private Mono<Void> reactively(int from, ServerWebExchange exchange, WebFilterChain chain) {
        return Flux.range(from, chains.length - from)
                .filterWhen(i -> chains[i].matches(exchange))
                .next()
                .map(i -> FilterSequence.of(filters[i], chain))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).then(Mono.empty())))
                .flatMap(secured -> secured.filter(exchange));
    }

    /**
     * A matcher's answer, if it gives one while being subscribed to. Whichever comes first wins: the answer
     * ({@code ANSWERED}) or the walk giving up on it ({@code ABANDONED}, after which a late answer is ignored and
     * the matcher is asked again the reactive way: a matcher must not mind being asked twice).
     */
    private static final class Answer extends AtomicInteger implements CoreSubscriber<Boolean> {

        private static final int PENDING = 0;
        private static final int ANSWERED = 1;
        private static final int ABANDONED = 2;

        private final Context context;
        private Subscription subscription;
        private Boolean value;
        private Throwable error;

        Answer(Context context) {
            this.context = context;
        }

        @Override
        public Context currentContext() {
            return context; // the request's, as Spring's filterWhen gives its matchers
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(Boolean next) {
            value = next;
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            compareAndSet(PENDING, ANSWERED);
        }

        @Override
        public void onComplete() {
            compareAndSet(PENDING, ANSWERED);
        }

        /** Whether the answer came while subscribing; if not, it is abandoned (and the matcher cancelled). */
        boolean given() {
            if (compareAndSet(PENDING, ABANDONED)) {
                if (subscription != null) {
                    subscription.cancel();
                }
                return false;
            }
            return get() == ANSWERED;
        }
    }

    @Override
    public String toString() {
        return "SecurityChains" + Arrays.toString(chains);
    }
}
