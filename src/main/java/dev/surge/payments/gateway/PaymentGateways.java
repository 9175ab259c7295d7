package dev.surge.payments.gateway;

import dev.surge.payments.NoPaymentProvider;
import dev.surge.payments.UnknownPaymentProvider;
import dev.surge.payments.config.PaymentsProperties;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The enabled gateways, and which one takes a payment: the one asked for by name, or the one the
 * configured routing gives its currency ({@code surge.payments.routing}). Only enabled gateways are ever
 * chosen: a currency routed to a gateway that is off goes to the default one, and if that is off too
 * there is no gateway for it.
 */
public class PaymentGateways {

    private final Map<String, PaymentGateway> enabled;
    private final PaymentsProperties.Routing routing;

    public PaymentGateways(List<PaymentGateway> gateways, PaymentsProperties.Routing routing) {
        Map<String, PaymentGateway> byName = new LinkedHashMap<>();
        for (PaymentGateway gateway : gateways) {
            if (byName.put(gateway.provider(), gateway) != null) {
                throw new IllegalStateException("Two payment gateways are called " + gateway.provider());
            }
        }
        this.enabled = java.util.Collections.unmodifiableMap(byName);
        this.routing = routing;
    }

    /**
     * The enabled gateway called {@code provider} (case-insensitive).
     *
     * @throws UnknownPaymentProvider when there is none
     */
    public PaymentGateway named(String provider) {
        PaymentGateway gateway = provider == null ? null : enabled.get(provider.trim().toLowerCase(Locale.ROOT));
        if (gateway == null) {
            throw new UnknownPaymentProvider(provider);
        }
        return gateway;
    }

    /**
     * The gateway for payments in {@code currency}: its route if that gateway is enabled, else the
     * default gateway if enabled.
     *
     * @throws NoPaymentProvider when neither is enabled
     */
    public PaymentGateway forCurrency(String currency) {
        String code = currency.trim().toUpperCase(Locale.ROOT);
        PaymentGateway routed = enabled.get(routing.currencies().getOrDefault(code, ""));
        if (routed != null) {
            return routed;
        }
        PaymentGateway fallback = enabled.get(routing.defaultProvider());
        if (fallback == null) {
            throw new NoPaymentProvider(code);
        }
        return fallback;
    }

    /** Whether a gateway of this name is enabled. */
    public boolean isEnabled(String provider) {
        return provider != null && enabled.containsKey(provider.trim().toLowerCase(Locale.ROOT));
    }

    /** Every enabled gateway (reconciliation walks them all). */
    public Collection<PaymentGateway> all() {
        return enabled.values();
    }
}
