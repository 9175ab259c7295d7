package dev.surge.identity.domain;

import dev.surge.identity.MerchantStatusChanged;
import dev.surge.identity.data.AdminQueries;
import dev.surge.identity.data.AdminQueries.AdminUserRow;
import dev.surge.identity.data.AdminQueries.MerchantRow;
import dev.surge.identity.data.AdminQueries.UserFilter;
import dev.surge.identity.data.MerchantQueries;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.identity.domain.IdentityErrors.MerchantNotFound;
import dev.surge.identity.domain.IdentityErrors.SlugTaken;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.MerchantAccess;
import dev.surge.platform.security.Principals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Merchants (tenants) and their teams. Sellers see their own merchant's team only: another merchant answers
 * 404, as if it did not exist. Administrators list, read and update merchants, and suspend or reinstate them:
 * every change is audited in its own transaction, and a change of status is published
 * ({@link MerchantStatusChanged}, through the outbox) so the catalog takes the merchant's products off the
 * storefront, or puts them back, at once. A suspension changes nothing else: orders are the orders module's.
 */
@Service
public class Merchants {

    /** The most accounts a team lists. */
    private static final int TEAM_LIMIT = 500;

    private final AdminQueries admin;
    private final MerchantQueries merchants;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Cursors cursors;
    private final TransactionalOperator tx;

    Merchants(AdminQueries admin, MerchantQueries merchants, AuditTrail audit, Outbox outbox, Cursors cursors,
            TransactionalOperator tx) {
        this.admin = admin;
        this.merchants = merchants;
        this.audit = audit;
        this.outbox = outbox;
        this.cursors = cursors;
        this.tx = tx;
    }

    /** What an administrator changes; null fields stay as they are, an empty contact email removes it. */
    public record MerchantChange(String name, String contactEmail, String status) {
    }

    /** Which merchants to list; null parts do not filter. {@code query} matches any part of the name or slug. */
    public record MerchantFilter(String status, String query) {
    }

    /** Merchants newest first, for administrators (the access table keeps the route to staff). */
    public Mono<Page<MerchantRow>> list(MerchantFilter filter, int limit, String cursor) {
        String scope = "merchants:" + filter;
        return Mono.fromCallable(() -> cursor == null ? null : afterId(cursors.decode(cursor, scope)))
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(after -> merchants.page(filter.status(), filter.query(), after.orElse(null), limit + 1)
                        .collectList())
                .map(rows -> rows.size() <= limit ? new Page<>(rows, null) : new Page<>(rows.subList(0, limit),
                        cursors.encode(scope, List.of(rows.get(limit - 1).id().toString()))));
    }

    public Mono<MerchantRow> find(UUID merchantId) {
        return merchants.find(merchantId).switchIfEmpty(Mono.error(MerchantNotFound::new));
    }

    /**
     * Applies the change, audits it ({@code merchant.updated}, and {@code merchant.suspended} or
     * {@code merchant.reinstated} when the status moved) and publishes a status change, all in one transaction.
     */
    public Mono<MerchantRow> update(Principals caller, UUID merchantId, MerchantChange change, Origin origin) {
        String name = change.name() == null ? null : change.name().strip();
        String contact = change.contactEmail() == null ? null : change.contactEmail().strip();
        return merchants.update(merchantId, name, contact, change.status())
                .switchIfEmpty(Mono.error(MerchantNotFound::new))
                .flatMap(updated -> recordChange(caller, updated, origin).thenReturn(updated.after()))
                .as(tx::transactional);
    }

    public Mono<MerchantRow> suspend(Principals caller, UUID merchantId, Origin origin) {
        return update(caller, merchantId, new MerchantChange(null, null, "SUSPENDED"), origin);
    }

    public Mono<MerchantRow> reinstate(Principals caller, UUID merchantId, Origin origin) {
        return update(caller, merchantId, new MerchantChange(null, null, "ACTIVE"), origin);
    }

    private Mono<Void> recordChange(Principals caller, MerchantQueries.Updated updated, Origin origin) {
        MerchantRow before = updated.before();
        MerchantRow after = updated.after();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("merchant", after.id().toString());
        if (!before.name().equals(after.name())) {
            details.put("name", Map.of("from", before.name(), "to", after.name()));
        }
        if (!Objects.equals(before.contactEmail(), after.contactEmail())) {
            details.put("contactEmail", "changed");
        }
        boolean statusMoved = !before.status().equals(after.status());
        if (statusMoved) {
            details.put("status", Map.of("from", before.status(), "to", after.status()));
        }
        Mono<Void> recorded = audit.record("merchant.updated", caller.userId(), after.id(), origin, details);
        if (!statusMoved) {
            return recorded;
        }
        String action = "SUSPENDED".equals(after.status()) ? "merchant.suspended" : "merchant.reinstated";
        return recorded.then(audit.record(action, caller.userId(), after.id(), origin, Map.of("merchant", after.id().toString())))
                .then(outbox.append(new MerchantStatusChanged(after.id(), after.status())));
    }

    /** Cursors are signed: the key is the id this server wrote. */
    private static UUID afterId(List<String> keys) {
        return UUID.fromString(keys.get(0));
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
