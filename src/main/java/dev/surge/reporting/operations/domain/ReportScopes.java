package dev.surge.reporting.operations.domain;

import dev.surge.platform.security.MerchantAccess;
import dev.surge.platform.security.Principals;
import dev.surge.reporting.operations.data.InventoryReportQueries;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whose figures a caller may read: staff any merchant's (or all), a seller its own only. Another merchant,
 * or one that does not exist, is {@code merchant_not_found} (404) alike, so a seller learns nothing of others.
 */
@Component
public class ReportScopes {

    private final InventoryReportQueries queries;

    ReportScopes(InventoryReportQueries queries) {
        this.queries = queries;
    }

    /** The scope for {@code requested} (null: the caller's whole view). */
    public Mono<ReportScope> of(Principals caller, UUID requested) {
        MerchantAccess access = MerchantAccess.of(caller, requested);
        if (access == MerchantAccess.STAFF) {
            return requested == null ? Mono.just(ReportScope.ALL)
                    : queries.merchantExists(requested).flatMap(exists -> exists ? Mono.just(new ReportScope(requested))
                            : Mono.error(new ReportErrors.MerchantNotFound()));
        }
        if (caller.hasAnyRole("SELLER") && caller.merchantId() != null && (requested == null || access == MerchantAccess.OWN)) {
            return Mono.just(new ReportScope(caller.merchantId()));
        }
        return Mono.error(new ReportErrors.MerchantNotFound());
    }

    /** True when the scope covers {@code merchant}. */
    static boolean covers(ReportScope scope, UUID merchant) {
        return scope.merchant() == null || scope.merchant().equals(merchant);
    }
}
