package dev.surge.catalog.domain;

import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.security.Principals;
import java.util.UUID;

/**
 * Who changes which product of which merchant, from where, and the version they read ({@code If-Match};
 * null for a product being created).
 */
public record ProductEdit(Principals caller, UUID merchantId, UUID productId, IfMatch ifMatch, Origin origin) {

    static ProductEdit creating(Principals caller, UUID merchantId, UUID productId, Origin origin) {
        return new ProductEdit(caller, merchantId, productId, null, origin);
    }
}
