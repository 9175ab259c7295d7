package dev.surge.identity;

import dev.surge.platform.events.DomainEvent;
import java.util.UUID;

/**
 * A merchant was suspended ({@code SUSPENDED}) or reinstated ({@code ACTIVE}) by an administrator. The catalog
 * drops its cached pages and lists so the merchant's products leave (or come back to) the storefront at once
 * rather than when the caches expire. Its orders are not touched.
 */
public record MerchantStatusChanged(UUID merchantId, String status) implements DomainEvent {

    @Override
    public String topic() {
        return IdentityEvents.TOPIC;
    }

    @Override
    public String key() {
        return merchantId.toString();
    }
}
