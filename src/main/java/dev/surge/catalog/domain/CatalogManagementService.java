package dev.surge.catalog.domain;

import dev.surge.catalog.ProductChanged;
import dev.surge.catalog.data.ProductWrites;
import dev.surge.catalog.data.ProductWrites.ExistingVariant;
import dev.surge.catalog.data.ProductWrites.Locked;
import dev.surge.catalog.domain.ProductForm.PriceForm;
import dev.surge.catalog.domain.ProductForm.VariantForm;
import dev.surge.catalog.domain.ProductRules.Checked;
import dev.surge.catalog.domain.ProductRules.ValidProduct;
import dev.surge.catalog.domain.ProductRules.ValidVariant;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sellers and admins run products: create, replace, patch, archive, restore, delete, and variants one by
 * one. Sellers reach only their own merchant (another merchant, or its product, is 404 as if it did not
 * exist); admins reach any. Every change is one transaction holding the product's row lock: the version
 * the caller read is checked ({@code If-Match}), the rows change in place (variants keep their ids), the
 * lowest price follows the variants, the version moves on, and the audit record and the
 * {@link ProductChanged} event are written with it. After the commit the caches are dropped at once.
 * <p>
 * Stock is not written here except as the initial units of a variant being created: the inventory
 * module owns stock and adopts that figure the first time it sees the variant.
 */
@Service
public class CatalogManagementService {

    static final int MAX_SLUG_ATTEMPTS = 5;

    private final ProductWrites writes;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final CatalogCaches caches;
    private final Cursors cursors;

    CatalogManagementService(ProductWrites writes, AuditTrail audit, Outbox outbox, TransactionalOperator tx,
            CatalogCaches caches, Cursors cursors) {
        this.writes = writes;
        this.audit = audit;
        this.outbox = outbox;
        this.tx = tx;
        this.caches = caches;
        this.cursors = cursors;
    }

    /** Sellers: their own merchant only (others are 404); admins: any existing merchant; anyone else: 403. */
    public Mono<Void> access(Principals caller, UUID merchantId) {
        if (caller.hasAnyRole("ADMIN", "SUPER_ADMIN")) {
            return writes.merchantExists(merchantId).filter(Boolean::booleanValue)
                    .switchIfEmpty(Mono.error(MerchantNotFound::new)).then();
        }
        if (caller.hasAnyRole("SELLER")) {
            return merchantId.equals(caller.merchantId()) ? Mono.empty() : Mono.error(new MerchantNotFound());
        }
        return Mono.error(new AccessDeniedException("Only the merchant's sellers and admins manage its products"));
    }

    public Mono<ManagedProduct> get(Principals caller, UUID merchantId, UUID productId) {
        return access(caller, merchantId)
                .then(writes.managed(productId, merchantId))
                .switchIfEmpty(Mono.error(ProductNotFound::new));
    }

    /** The merchant's products of any (or one) status, newest first, by cursor. */
    public Mono<Page<ManagedProduct>> list(Principals caller, UUID merchantId, ProductStatus status, int limit,
            String cursor) {
        String scope = "managed:" + merchantId + ":" + status;
        UUID after = cursor == null ? null : afterId(cursors.decode(cursor, scope));
        return access(caller, merchantId)
                .thenMany(writes.managedPage(merchantId, status, after, limit + 1))
                .collectList()
                .map(rows -> rows.size() <= limit ? new Page<>(rows, null)
                        : new Page<>(rows.subList(0, limit),
                                cursors.encode(scope, List.of(rows.get(limit - 1).id().toString()))));
    }

    /** Every product of the merchant, newest first, read page by page (for the CSV export). */
    public Flux<ManagedProduct> all(Principals caller, UUID merchantId) {
        int page = 200;
        return access(caller, merchantId).thenMany(Flux.defer(() -> writes.managedPage(merchantId, null, null, page)
                .collectList()
                .expand(rows -> rows.size() < page ? Mono.empty()
                        : writes.managedPage(merchantId, null, rows.get(rows.size() - 1).id(), page).collectList())
                .concatMapIterable(rows -> rows)));
    }

    public Mono<ManagedProduct> create(Principals caller, UUID merchantId, ProductForm form, Origin origin) {
        return access(caller, merchantId).then(Mono.defer(() -> {
            ValidProduct product = valid(ProductRules.product(form, ProductStatus.ACTIVE, true));
            UUID id = Ids.newId();
            return createRow(merchantId, id, product)
                    .flatMap(slug -> written(caller, merchantId, id, "product.created", origin, List.of(slug)))
                    .as(tx::transactional)
                    .onErrorMap(ManagementErrors::fromDatabase)
                    .flatMap(this::invalidate);
        }));
    }

    /**
     * Replaces every product field and its variants: each listed variant is matched by {@code id} (or by
     * SKU) and updated in place, or added; a variant not listed is refused ({@code missing}), because
     * variants are removed only explicitly. A null slug keeps the current one.
     */
    public Mono<ManagedProduct> replace(Principals caller, UUID merchantId, UUID productId, IfMatch ifMatch,
            ProductForm form, Origin origin) {
        return change(caller, merchantId, productId, ifMatch, "product.replaced", origin, locked -> {
            ValidProduct product = valid(ProductRules.product(form, ProductStatus.ACTIVE, true));
            return checkCategory(product.categoryId())
                    .then(writes.variants(productId).collectList())
                    .flatMap(existing -> upsertVariants(locked, product.variants(), product.currency(), existing, true))
                    .then(slugFor(product.slug(), locked))
                    .flatMap(slug -> writes.updateProduct(productId, product, slug.orElse(null))
                            .thenReturn(slugs(locked.slug(), slug.orElse(null))));
        });
    }

    /**
     * Changes product-level fields: {@code patch} turns the current fields into the new ones (the web
     * layer applies an RFC 7396 merge patch). Variants are changed through their own methods.
     */
    public Mono<ManagedProduct> patch(Principals caller, UUID merchantId, UUID productId, IfMatch ifMatch,
            UnaryOperator<ProductForm> patch, Origin origin) {
        return change(caller, merchantId, productId, ifMatch, "product.updated", origin, locked ->
                writes.managed(productId, merchantId).flatMap(current -> {
                    ProductForm patched = patch.apply(formOf(current));
                    if (patched.variants() != null) {
                        return Mono.error(ManagementErrors.invalid("variants", "not_allowed",
                                "change variants through /variants, or replace the product with PUT"));
                    }
                    ValidProduct product = valid(ProductRules.product(patched, current.status(), false));
                    return checkCategory(product.categoryId())
                            .then(slugFor(product.slug(), locked))
                            .flatMap(slug -> writes.updateProduct(productId, product, slug.orElse(null))
                                    .thenReturn(slugs(locked.slug(), slug.orElse(null))));
                }));
    }

    /** Archived products leave the storefront but keep their rows; restoring makes them ACTIVE again. */
    public Mono<ManagedProduct> setStatus(Principals caller, UUID merchantId, UUID productId, IfMatch ifMatch,
            ProductStatus status, Origin origin) {
        String action = status == ProductStatus.ARCHIVED ? "product.archived" : "product.restored";
        return change(caller, merchantId, productId, ifMatch, action, origin,
                locked -> writes.setStatus(productId, status).thenReturn(List.of(locked.slug())));
    }

    public Mono<Void> delete(Principals caller, UUID merchantId, UUID productId, IfMatch ifMatch, Origin origin) {
        return access(caller, merchantId)
                .then(lock(productId, merchantId, ifMatch))
                .flatMap(locked -> writes.deleteProduct(productId)
                        .then(audit.record("product.deleted", caller.userId(), productId, origin,
                                Map.of("merchant", merchantId.toString(), "slug", locked.slug())))
                        .then(outbox.append(new ProductChanged(productId, List.of(locked.slug()))))
                        .thenReturn(locked))
                .as(tx::transactional)
                .onErrorMap(ManagementErrors::fromDatabase)
                .flatMap(locked -> caches.afterCommit(caches.productChanged(productId, List.of(locked.slug()))));
    }

    /** Adds a variant (with optional initial stock) in the product's currency. */
    public Mono<ManagedProduct> addVariant(Principals caller, UUID merchantId, UUID productId, IfMatch ifMatch,
            VariantForm form, Origin origin) {
        return change(caller, merchantId, productId, ifMatch, "product.variant_added", origin, locked -> {
            ValidVariant variant = validVariant(form, locked);
            if (variant.id() != null) {
                return Mono.error(ManagementErrors.invalid("id", "not_allowed", "a new variant gets its id from the server"));
            }
            return writes.variants(productId).collectList()
                    .flatMap(existing -> {
                        if (existing.size() >= ProductRules.MAX_VARIANTS) {
                            return Mono.error(ManagementErrors.invalid("variants", "size",
                                    "a product has at most " + ProductRules.MAX_VARIANTS + " variants"));
                        }
                        return checkSkus(List.of(variant.sku()), productId, existing, Set.of())
                                .then(writes.insertVariant(Ids.newId(), productId, nextPosition(existing), variant,
                                        locked.currency(), variant.stock() == null ? 0 : variant.stock()));
                    })
                    .then(writes.refreshPrice(productId))
                    .thenReturn(List.of(locked.slug()));
        });
    }

    /** Changes one variant in place: {@code patch} turns its current fields into the new ones. Stock cannot be set. */
    public Mono<ManagedProduct> patchVariant(Principals caller, UUID merchantId, UUID productId, UUID variantId,
            IfMatch ifMatch, UnaryOperator<VariantForm> patch, Origin origin) {
        return change(caller, merchantId, productId, ifMatch, "product.variant_updated", origin, locked ->
                writes.managed(productId, merchantId).flatMap(current -> {
                    ManagedProduct.Variant before = current.variants().stream()
                            .filter(v -> v.id().equals(variantId)).findFirst().orElse(null);
                    if (before == null) {
                        return Mono.error(new VariantNotFound());
                    }
                    VariantForm patched = patch.apply(formOf(before));
                    if (patched.stock() != null) {
                        return Mono.error(ManagementErrors.invalid("stock", "not_writable",
                                "stock belongs to the inventory; it is set only when a variant is created"));
                    }
                    if (!variantId.equals(patched.id())) {
                        return Mono.error(ManagementErrors.invalid("id", "not_allowed", "a variant's id cannot change"));
                    }
                    ValidVariant variant = validVariant(patched, locked);
                    return writes.variants(productId).collectList()
                            .flatMap(existing -> checkSkus(List.of(variant.sku()), productId, existing, Set.of(variantId))
                                    .then(writes.updateVariant(variantId, productId, variant, locked.currency(),
                                            existing.stream().filter(e -> e.id().equals(variantId))
                                                    .findFirst().orElseThrow().position())))
                            .then(writes.refreshPrice(productId))
                            .thenReturn(List.of(locked.slug()));
                }));
    }

    /** Removes one variant; the last one stays (a product always has a price). */
    public Mono<ManagedProduct> deleteVariant(Principals caller, UUID merchantId, UUID productId, UUID variantId,
            IfMatch ifMatch, Origin origin) {
        return change(caller, merchantId, productId, ifMatch, "product.variant_deleted", origin, locked ->
                writes.variants(productId).collectList().flatMap(existing -> {
                    if (existing.stream().noneMatch(v -> v.id().equals(variantId))) {
                        return Mono.error(new VariantNotFound());
                    }
                    if (existing.size() == 1) {
                        return Mono.error(new dev.surge.platform.errors.ConflictException("last_variant",
                                "A product keeps at least one variant; delete or archive the product instead"));
                    }
                    return writes.deleteVariant(variantId, productId)
                            .then(writes.refreshPrice(productId))
                            .thenReturn(List.of(locked.slug()));
                }));
    }

    /**
     * One CSV row: the merchant's product with this handle (slug) gets the row's product fields and the
     * variant with the row's SKU is updated or added; without such a product, one is created (with the
     * handle as its slug, or one made from the title). One transaction: the row lands whole or not at all.
     */
    public Mono<ImportedRow> importRow(Principals caller, UUID merchantId, String handle, ProductForm form, Origin origin) {
        return Mono.defer(() -> {
            ValidProduct product = valid(ProductRules.product(form, ProductStatus.ACTIVE, true));
            Mono<Locked> existing = handle == null ? Mono.empty() : writes.lockBySlug(handle, merchantId);
            return existing
                    .flatMap(locked -> checkCategory(product.categoryId())
                            .then(writes.variants(locked.id()).collectList())
                            .flatMap(variants -> {
                                if (!locked.currency().equals(product.currency())) {
                                    return Mono.error(ManagementErrors.invalid("currency", "currency_mismatch",
                                            "the product is priced in " + locked.currency()));
                                }
                                return upsertVariants(locked, product.variants(), product.currency(), variants, false);
                            })
                            .then(writes.updateProduct(locked.id(), form.status() != null ? product
                                    : withStatus(product, locked.status()), null))
                            .map(version -> new ImportedRow(locked.id(), locked.slug(), version, false)))
                    .switchIfEmpty(Mono.defer(() -> {
                        UUID id = Ids.newId();
                        ValidProduct withHandle = handle == null ? product : new ValidProduct(product.title(), handle,
                                product.description(), product.categoryId(), product.status(), product.featured(),
                                product.featuredPosition(), product.currency(), product.variants());
                        return createRow(merchantId, id, withHandle).map(slug -> new ImportedRow(id, slug, 1L, true));
                    }))
                    // A row is small: audit and event without reading the product back.
                    .flatMap(row -> audit.record("product.imported", caller.userId(), row.productId(), origin,
                                    Map.of("merchant", merchantId.toString(), "version", row.version(), "slug", row.slug(),
                                            "created", row.created()))
                            .then(outbox.append(new ProductChanged(row.productId(), List.of(row.slug()))))
                            .thenReturn(row))
                    .as(tx::transactional)
                    .onErrorMap(ManagementErrors::fromDatabase)
                    .flatMap(row -> caches.afterCommit(caches.productChanged(row.productId(), List.of(row.slug())))
                            .thenReturn(row));
        });
    }

    /** The outcome of one imported row. */
    public record ImportedRow(UUID productId, String slug, long version, boolean created) {
    }

    // --- the shared steps ---

    /**
     * Runs {@code work} on the locked product in one transaction when {@code If-Match} still holds; {@code work}
     * emits the slugs the product was reachable by. Then audit, event, and the product as saved.
     */
    private Mono<ManagedProduct> change(Principals caller, UUID merchantId, UUID productId, IfMatch ifMatch, String action,
            Origin origin, java.util.function.Function<Locked, Mono<List<String>>> work) {
        return access(caller, merchantId)
                .then(lock(productId, merchantId, ifMatch))
                .flatMap(locked -> work.apply(locked)
                        .flatMap(slugs -> written(caller, merchantId, productId, action, origin, slugs)))
                .as(tx::transactional)
                .onErrorMap(ManagementErrors::fromDatabase)
                .flatMap(this::invalidate);
    }

    private Mono<Locked> lock(UUID productId, UUID merchantId, IfMatch ifMatch) {
        return writes.lock(productId, merchantId)
                .switchIfEmpty(Mono.error(ProductNotFound::new))
                .flatMap(locked -> ifMatch.matches(locked.version()) ? Mono.just(locked)
                        : Mono.error(ManagementErrors.stale(locked.version())));
    }

    private Mono<ManagedProduct> written(Principals caller, UUID merchantId, UUID productId, String action,
            Origin origin, List<String> slugs) {
        return writes.managed(productId, merchantId).flatMap(saved -> audit.record(action, caller.userId(), productId,
                        origin, Map.of("merchant", merchantId.toString(), "version", saved.version(), "slug", saved.slug()))
                .then(outbox.append(new ProductChanged(productId, slugs)))
                .thenReturn(saved));
    }

    private Mono<ManagedProduct> invalidate(ManagedProduct saved) {
        // The event names the slugs; here the current one is enough for the page, and lists are all dropped.
        return caches.afterCommit(caches.productChanged(saved.id(), List.of(saved.slug()))).thenReturn(saved);
    }

    /** Inserts the product under its slug (or a free one made from its title) and its variants; emits the slug. */
    private Mono<String> createRow(UUID merchantId, UUID id, ValidProduct product) {
        List<String> skus = product.variants().stream().map(ValidVariant::sku).toList();
        return checkCategory(product.categoryId())
                .then(checkSkus(skus, null, List.of(), Set.of()))
                .then(insertWithSlug(merchantId, id, product, 0))
                .flatMap(slug -> Flux.range(0, product.variants().size())
                        .concatMap(i -> {
                            ValidVariant variant = product.variants().get(i);
                            return writes.insertVariant(Ids.newId(), id, i, variant, product.currency(),
                                    variant.stock() == null ? 0 : variant.stock());
                        })
                        .then(Mono.just(slug)));
    }

    private Mono<Void> checkCategory(UUID categoryId) {
        return writes.categoryExists(categoryId).flatMap(found -> found ? Mono.<Void>empty()
                : Mono.error(ManagementErrors.invalid("categoryId", "not_found", "there is no such category")));
    }

    private Mono<String> insertWithSlug(UUID merchantId, UUID id, ValidProduct product, int attempt) {
        if (product.slug() != null) {
            return writes.insertProduct(id, merchantId, product.slug(), product)
                    .flatMap(inserted -> inserted ? Mono.just(product.slug())
                            : Mono.error(ManagementErrors.slugTaken(product.slug())));
        }
        String base = Slugs.of(product.title(), "product");
        Mono<String> candidate = attempt >= MAX_SLUG_ATTEMPTS
                ? Mono.just(base + "-" + Ids.newId().toString().substring(24))
                : writes.slugTaken(base).flatMap(taken -> !taken ? Mono.just(base)
                        : writes.highestSlugSuffix(base).map(n -> base + "-" + (Math.max(n, 1) + 1)));
        return candidate.flatMap(slug -> writes.insertProduct(id, merchantId, slug, product)
                .flatMap(inserted -> inserted ? Mono.just(slug)
                        : attempt > MAX_SLUG_ATTEMPTS ? Mono.error(ManagementErrors.slugTaken(slug))
                        : insertWithSlug(merchantId, id, product, attempt + 1)));
    }

    /** The slug to set: empty keeps the current one; a different explicit slug must be free. */
    private Mono<java.util.Optional<String>> slugFor(String requested, Locked locked) {
        if (requested == null || requested.equals(locked.slug())) {
            return Mono.just(java.util.Optional.empty());
        }
        return writes.slugTaken(requested).flatMap(taken -> taken ? Mono.error(ManagementErrors.slugTaken(requested))
                : Mono.just(java.util.Optional.of(requested)));
    }

    /**
     * Matches each form to an existing variant (by id, else by SKU) and updates it in place, or inserts it.
     * With {@code complete}, every existing variant must be matched (a full replace never drops one silently).
     */
    private Mono<Void> upsertVariants(Locked locked, List<ValidVariant> forms, String currency,
            List<ExistingVariant> existing, boolean complete) {
        Map<UUID, ExistingVariant> byId = new HashMap<>();
        Map<String, ExistingVariant> bySku = new HashMap<>();
        existing.forEach(v -> {
            byId.put(v.id(), v);
            bySku.put(v.sku(), v);
        });
        List<FieldViolation> errors = new ArrayList<>();
        Map<Integer, ExistingVariant> matched = new LinkedHashMap<>();
        Set<UUID> used = new HashSet<>();
        for (int i = 0; i < forms.size(); i++) {
            ValidVariant form = forms.get(i);
            ExistingVariant match = form.id() != null ? byId.get(form.id()) : bySku.get(form.sku());
            if (form.id() != null && match == null) {
                errors.add(new FieldViolation("variants[" + i + "].id", "not_found", "no such variant of this product"));
                continue;
            }
            if (match != null && form.id() == null && forms.stream().anyMatch(f -> match.id().equals(f.id()))) {
                continue; // its SKU moves to the variant named by id; this form is a new variant with that SKU
            }
            if (match != null) {
                if (!used.add(match.id())) {
                    errors.add(new FieldViolation("variants[" + i + "]", "repeated", "variant appears twice"));
                }
                if (complete && form.stock() != null) {
                    errors.add(new FieldViolation("variants[" + i + "].stock", "not_writable",
                            "stock belongs to the inventory; it is set only when a variant is created"));
                }
                matched.put(i, match);
            }
        }
        if (complete) {
            List<String> missing = existing.stream().filter(v -> !used.contains(v.id())).map(v -> v.id().toString()).toList();
            if (!missing.isEmpty()) {
                errors.add(new FieldViolation("variants", "missing", "list every existing variant (missing: "
                        + String.join(", ", missing) + "); remove one with DELETE .../variants/{variantId}"));
            }
        }
        if (existing.size() - matched.size() + forms.size() - matched.size() > ProductRules.MAX_VARIANTS) {
            errors.add(new FieldViolation("variants", "size", "a product has at most " + ProductRules.MAX_VARIANTS + " variants"));
        }
        if (!errors.isEmpty()) {
            return Mono.error(ManagementErrors.invalid(errors));
        }
        List<String> skus = forms.stream().map(ValidVariant::sku).toList();
        int[] next = {nextPosition(existing)};
        return checkSkus(skus, locked.id(), existing, used)
                .thenMany(Flux.range(0, forms.size()).concatMap(i -> {
                    ValidVariant form = forms.get(i);
                    ExistingVariant match = matched.get(i);
                    if (match != null) {
                        return writes.updateVariant(match.id(), locked.id(), form, currency, complete ? i : match.position());
                    }
                    return writes.insertVariant(Ids.newId(), locked.id(), complete ? i : next[0]++, form, currency,
                            form.stock() == null ? 0 : form.stock());
                }))
                .then();
    }

    /**
     * SKUs must be free: not used by another product, nor by a variant of this product that is not the one
     * being written ({@code writing}).
     */
    private Mono<Void> checkSkus(List<String> skus, UUID productId, List<ExistingVariant> existing, Set<UUID> writing) {
        for (ExistingVariant variant : existing) {
            if (!writing.contains(variant.id()) && skus.contains(variant.sku())) {
                return Mono.error(ManagementErrors.skuTaken(variant.sku()));
            }
        }
        return writes.skusTakenElsewhere(skus, productId).next()
                .flatMap(sku -> Mono.<Void>error(ManagementErrors.skuTaken(sku)));
    }

    private ValidVariant validVariant(VariantForm form, Locked locked) {
        ValidVariant variant = valid(ProductRules.variant(form, ""));
        String currency = form.price().currency().trim().toUpperCase(java.util.Locale.ROOT);
        if (!currency.equals(locked.currency())) {
            throw ManagementErrors.invalid("price.currency", "currency_mismatch",
                    "every variant of a product is priced in one currency (" + locked.currency()
                            + "); replace the product with PUT to change it");
        }
        return variant;
    }

    private static ValidProduct withStatus(ValidProduct product, ProductStatus status) {
        return new ValidProduct(product.title(), product.slug(), product.description(), product.categoryId(), status,
                product.featured(), product.featuredPosition(), product.currency(), product.variants());
    }

    private static <T> T valid(Checked<T> checked) {
        if (!checked.errors().isEmpty()) {
            throw ManagementErrors.invalid(checked.errors());
        }
        return checked.value();
    }

    private static int nextPosition(List<ExistingVariant> existing) {
        return existing.stream().mapToInt(ExistingVariant::position).max().orElse(-1) + 1;
    }

    private static List<String> slugs(String before, String after) {
        Set<String> slugs = new LinkedHashSet<>();
        slugs.add(before);
        if (after != null) {
            slugs.add(after);
        }
        return List.copyOf(slugs);
    }

    private static UUID afterId(List<String> keys) {
        UUID id = keys.size() == 1 ? Ids.parseOrNull(keys.get(0)) : null;
        if (id == null) {
            throw new dev.surge.platform.errors.InvalidInputException("invalid_cursor", "The cursor is not one this server issued");
        }
        return id;
    }

    static ProductForm formOf(ManagedProduct product) {
        return new ProductForm(product.title(), product.slug(), product.description(), product.category().id(),
                product.status().name(), product.featured(), product.featuredPosition(), null);
    }

    static VariantForm formOf(ManagedProduct.Variant variant) {
        return new VariantForm(variant.id(), variant.sku(), variant.title(),
                new PriceForm(BigDecimal.valueOf(variant.price().amountMinor()), variant.price().currency()),
                variant.compareAtPrice() == null ? null
                        : new PriceForm(BigDecimal.valueOf(variant.compareAtPrice().amountMinor()),
                                variant.compareAtPrice().currency()),
                variant.weightGrams(), variant.attributes(), null);
    }
}
