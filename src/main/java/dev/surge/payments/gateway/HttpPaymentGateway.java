package dev.surge.payments.gateway;

import java.net.URI;
import java.util.function.Function;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A gateway over a provider's REST API (Stripe, Paystack): the API client, named by the provider, and the
 * resilience around every call. Reads go through {@link #read}, which may repeat them; a write chooses
 * {@link GatewayResilience#repeatable} (sent with an idempotency key) or {@link GatewayResilience#once}.
 */
public abstract class HttpPaymentGateway implements PaymentGateway {

    private final ProviderApi api;
    private final GatewayResilience resilience;

    protected HttpPaymentGateway(ProviderApi api, GatewayResilience resilience) {
        this.api = api;
        this.resilience = resilience;
    }

    @Override
    public final String provider() {
        return api.provider();
    }

    protected final ProviderApi api() {
        return api;
    }

    protected final GatewayResilience resilience() {
        return resilience;
    }

    /** A GET of the API, safe to repeat. */
    protected final Mono<JsonNode> read(Function<UriBuilder, URI> uri) {
        return resilience.repeatable(api.get(uri));
    }
}
