package dev.surge.identity.domain;

import dev.surge.identity.data.AdminQueries;
import dev.surge.identity.data.AdminQueries.AdminUserRow;
import dev.surge.identity.data.AdminQueries.MerchantRow;
import dev.surge.identity.data.AdminQueries.UserFilter;
import dev.surge.identity.domain.IdentityErrors.MerchantNotFound;
import dev.surge.identity.domain.IdentityErrors.SlugTaken;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.MerchantAccess;
import dev.surge.platform.security.Principals;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Merchants (tenants) and their teams. Sellers see their own merchant's team only: another merchant answers
 * 404, as if it did not exist.
 */
@Service
public class Merchants {

    /** The most accounts a team lists. */
    private static final int TEAM_LIMIT = 500;

    private final AdminQueries admin;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    Merchants(AdminQueries admin, AuditTrail audit, TransactionalOperator tx) {
        this.admin = admin;
        this.audit = audit;
        this.tx = tx;
    }

    /** A new merchant; {@code contactEmail} (optional) is where its notices go, else to its sellers. */
    public Mono<MerchantRow> create(Principals caller, String name, String slug, String contactEmail, Origin origin) {
        return admin.insertMerchant(Ids.newId(), slug, name.strip(), contactEmail == null ? null : contactEmail.strip())
                .switchIfEmpty(Mono.error(SlugTaken::new))
                .flatMap(merchant -> audit.record("merchant.created", caller.userId(), null, origin,
                        Map.of("merchant", merchant.id().toString())).thenReturn(merchant))
                .as(tx::transactional);
    }

    /** A merchant's team: any merchant for staff admins, only their own for sellers (others are 404). */
    public Mono<List<AdminUserRow>> team(Principals caller, UUID merchantId) {
        if (!MerchantAccess.of(caller, merchantId).allowed()) {
            return Mono.error(new MerchantNotFound());
        }
        return admin.merchantExists(merchantId).filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(MerchantNotFound::new))
                .flatMap(found -> admin.users(UserFilter.ofMerchant(merchantId), null, TEAM_LIMIT).collectList());
    }
}
