package dev.surge.catalog.domain;

import dev.surge.catalog.data.ProductWrites;
import dev.surge.platform.security.MerchantAccess;
import dev.surge.platform.security.Principals;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who manages a merchant's products: its sellers while the merchant is active, and admins (for any merchant that
 * exists, suspended or not). A seller of another merchant gets 404, as if the merchant did not exist; a seller of a
 * suspended merchant and anyone else 403.
 */
@Component
public class ProductAccess {

    private final ProductWrites writes;

    ProductAccess(ProductWrites writes) {
        this.writes = writes;
    }

    public Mono<Void> check(Principals caller, UUID merchantId) {
        return switch (MerchantAccess.of(caller, merchantId)) {
            case STAFF -> writes.merchantExists(merchantId).filter(Boolean::booleanValue)
                    .switchIfEmpty(Mono.error(MerchantNotFound::new)).then();
            case OWN -> writes.merchantActive(merchantId).filter(Boolean::booleanValue)
                    .switchIfEmpty(Mono.error(ProductAccess::suspended)).then();
            case OTHER_MERCHANT -> Mono.error(new MerchantNotFound());
            case NOT_A_SELLER -> Mono.error(
                    new AccessDeniedException("Only the merchant's sellers and admins manage its products"));
        };
    }

    /** The refusal a seller of a suspended merchant gets on every management route. */
    static AccessDeniedException suspended() {
        return new AccessDeniedException("The merchant is suspended: its sellers cannot manage its products");
    }
}
