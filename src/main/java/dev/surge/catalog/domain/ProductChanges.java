package dev.surge.catalog.domain;

import dev.surge.catalog.ProductChanged;
import dev.surge.catalog.data.ProductWrites;
import dev.surge.catalog.data.ProductWrites.Locked;
import dev.surge.catalog.domain.ProductRowImport.ImportedRow;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.security.Principals;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The frame of every product change: one transaction holding the product's row lock, the {@code If-Match}
 * check, the audit record and the {@link ProductChanged} event with the rows; after the commit the caches
 * are dropped at once.
 */
@Component
class ProductChanges {

    private final ProductAccess access;
    private final ProductWrites writes;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final CatalogCaches caches;

    ProductChanges(ProductAccess access, ProductWrites writes, AuditTrail audit, Outbox outbox,
            TransactionalOperator tx, CatalogCaches caches) {
        this.access = access;
        this.writes = writes;
        this.audit = audit;
        this.outbox = outbox;
        this.tx = tx;
        this.caches = caches;
    }

    /**
     * Runs {@code work} on the locked product in one transaction when {@code If-Match} still holds; {@code work}
     * emits the slugs the product was reachable by. Then audit, event, and the product as saved.
     */
    Mono<ManagedProduct> change(ProductEdit edit, String action, Function<Locked, Mono<List<String>>> work) {
        return commit(edit, action, access.check(edit.caller(), edit.merchantId())
                .then(lock(edit))
                .flatMap(work));
    }

    /** {@code work} (emitting the product's slugs), audit and event in one transaction; then the caches. */
    Mono<ManagedProduct> commit(ProductEdit edit, String action, Mono<List<String>> work) {
        return work
                .flatMap(slugs -> written(edit, action, slugs))
                .as(tx::transactional)
                .onErrorMap(CatalogErrors::fromDatabase)
                .flatMap(this::invalidate);
    }

    Mono<Void> delete(ProductEdit edit) {
        UUID productId = edit.productId();
        return access.check(edit.caller(), edit.merchantId())
                .then(lock(edit))
                .flatMap(locked -> writes.deleteProduct(productId)
                        .then(audit.record("product.deleted", edit.caller().userId(), productId, edit.origin(),
                                Map.of("merchant", edit.merchantId().toString(), "slug", locked.slug())))
                        .then(outbox.append(new ProductChanged(productId, List.of(locked.slug()))))
                        .thenReturn(locked))
                .as(tx::transactional)
                .onErrorMap(CatalogErrors::fromDatabase)
                .flatMap(locked -> caches.afterCommit(caches.productChanged(productId, List.of(locked.slug()))));
    }

    /** One imported CSV row: a row is small, so audit and event are written without reading the product back. */
    Mono<ImportedRow> imported(Principals caller, UUID merchantId, Origin origin, Mono<ImportedRow> work) {
        return work
                .flatMap(row -> audit.record("product.imported", caller.userId(), row.productId(), origin,
                                Map.of("merchant", merchantId.toString(), "version", row.version(), "slug", row.slug(),
                                        "created", row.created()))
                        .then(outbox.append(new ProductChanged(row.productId(), List.of(row.slug()))))
                        .thenReturn(row))
                .as(tx::transactional)
                .onErrorMap(CatalogErrors::fromDatabase)
                .flatMap(row -> caches.afterCommit(caches.productChanged(row.productId(), List.of(row.slug())))
                        .thenReturn(row));
    }

    private Mono<Locked> lock(ProductEdit edit) {
        return writes.lock(edit.productId(), edit.merchantId())
                .switchIfEmpty(Mono.error(ProductNotFound::new))
                .flatMap(locked -> edit.ifMatch().matches(locked.version()) ? Mono.just(locked)
                        : Mono.error(new CatalogErrors.StaleProduct(locked.version())));
    }

    private Mono<ManagedProduct> written(ProductEdit edit, String action, List<String> slugs) {
        UUID productId = edit.productId();
        return writes.managed(productId, edit.merchantId()).flatMap(saved -> audit.record(action, edit.caller().userId(),
                        productId, edit.origin(), Map.of("merchant", edit.merchantId().toString(), "version",
                                saved.version(), "slug", saved.slug()))
                .then(outbox.append(new ProductChanged(productId, slugs)))
                .thenReturn(saved));
    }

    private Mono<ManagedProduct> invalidate(ManagedProduct saved) {
        // The event names the slugs; here the current one is enough for the page, and lists are all dropped.
        return caches.afterCommit(caches.productChanged(saved.id(), List.of(saved.slug()))).thenReturn(saved);
    }
}
