package dev.surge.promotions.domain;

import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.paging.Page;
import dev.surge.platform.security.MerchantAccess;
import dev.surge.platform.security.Principals;
import dev.surge.promotions.data.PromotionQueries;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Creating, reading, changing and deactivating promotions. Administrators manage the platform's (owner
 * {@code null}) and every merchant's; a seller only their own merchant's ({@link MerchantAccess}); any other
 * merchant's promotion looks like one that does not exist. Every change is audited in its transaction and reloads
 * this instance's copy of the live promotions once committed.
 */
@Service
public class PromotionManagement {

    private final PromotionQueries queries;
    private final LivePromotions live;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    PromotionManagement(PromotionQueries queries, LivePromotions live, AuditTrail audit, TransactionalOperator tx) {
        this.queries = queries;
        this.live = live;
        this.audit = audit;
        this.tx = tx;
    }

    /**
     * Whose promotions a route manages: the platform's (administrators' routes, which also reach every merchant's
     * promotion by id) or one merchant's.
     */
    public record Owner(UUID merchantId, boolean platform) {

        public static Owner platformWide() {
            return new Owner(null, true);
        }

        public static Owner merchant(UUID merchantId) {
            return new Owner(merchantId, false);
        }
    }

    /** Who acts, and from where (for the audit log). */
    public record Actor(Principals caller, AuditTrail.Origin origin) {
    }

    public Mono<Promotion> create(Actor actor, Owner owner, PromotionDraft draft) {
        return allowed(actor, owner)
                .then(Mono.fromCallable(() -> PromotionDrafts.create(draft, owner.merchantId(), Instant.now())))
                .flatMap(p -> queries.insert(p, actor.caller().userId())
                        .flatMap(saved -> audited(actor, "promotion.created", saved).thenReturn(saved))
                        .as(tx::transactional))
                .onErrorMap(DataIntegrityViolationException.class, PromotionManagement::clash)
                .flatMap(this::reloaded);
    }

    public Mono<Page<Promotion>> list(Actor actor, Owner owner, UUID after, int limit) {
        return allowed(actor, owner)
                .then(queries.list(owner.merchantId(), owner.platform(), after, limit + 1).collectList())
                .map(found -> {
                    boolean more = found.size() > limit;
                    List<Promotion> items = more ? found.subList(0, limit) : found;
                    return new Page<>(items, more ? items.get(items.size() - 1).id().toString() : null);
                });
    }

    public Mono<Promotion> get(Actor actor, Owner owner, UUID id) {
        return allowed(actor, owner).then(owned(owner, id));
    }

    public Mono<Promotion> update(Actor actor, Owner owner, UUID id, PromotionDraft draft) {
        return allowed(actor, owner).then(owned(owner, id)).flatMap(current -> {
            if (!current.active()) {
                return Mono.error(new PromotionErrors.PromotionInactive());
            }
            Promotion changed = PromotionDrafts.update(current, draft);
            if (changed.redemptionCap() != null && changed.redemptionCap() < current.redeemed()) {
                return Mono.error(new PromotionErrors.CapBelowRedeemed(current.redeemed()));
            }
            return queries.update(changed, current.version())
                    .switchIfEmpty(Mono.error(PromotionErrors.PromotionInactive::new))
                    .flatMap(saved -> audited(actor, "promotion.updated", saved).thenReturn(saved))
                    .as(tx::transactional);
        }).flatMap(this::reloaded);
    }

    public Mono<Promotion> deactivate(Actor actor, Owner owner, UUID id) {
        return allowed(actor, owner).then(owned(owner, id))
                .flatMap(current -> queries.deactivate(current.id())
                        .flatMap(saved -> (current.active() ? audited(actor, "promotion.deactivated", saved)
                                : Mono.<Void>empty()).thenReturn(saved))
                        .as(tx::transactional))
                .flatMap(this::reloaded);
    }

    private static Mono<Void> allowed(Actor actor, Owner owner) {
        if (owner.platform()) {
            return actor.caller().hasAnyRole("ADMIN", "SUPER_ADMIN") ? Mono.empty()
                    : Mono.error(new PromotionErrors.PromotionNotFound());
        }
        return MerchantAccess.of(actor.caller(), owner.merchantId()).allowed() ? Mono.empty()
                : Mono.error(new PromotionErrors.MerchantNotFound());
    }

    /** The promotion, if this owner's (the platform's routes reach every one). */
    private Mono<Promotion> owned(Owner owner, UUID id) {
        return (id == null ? Mono.<Promotion>empty() : queries.find(id))
                .filter(p -> owner.platform() || owner.merchantId().equals(p.merchantId()))
                .switchIfEmpty(Mono.error(PromotionErrors.PromotionNotFound::new));
    }

    private Mono<Void> audited(Actor actor, String action, Promotion p) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", p.name());
        if (p.code() != null) {
            details.put("code", p.code());
        }
        if (p.merchantId() != null) {
            details.put("merchantId", p.merchantId().toString());
        }
        details.put("version", p.version());
        return audit.record(action, actor.caller().userId(), p.id(), actor.origin(), details);
    }

    private Mono<Promotion> reloaded(Promotion saved) {
        return live.reload().onErrorResume(e -> Mono.empty()).thenReturn(saved);
    }

    private static Throwable clash(DataIntegrityViolationException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("promotions_live_code")) {
            return new PromotionErrors.CodeTaken();
        }
        if (message.contains("merchant_id")) {
            return new PromotionErrors.MerchantNotFound();
        }
        return e;
    }
}
