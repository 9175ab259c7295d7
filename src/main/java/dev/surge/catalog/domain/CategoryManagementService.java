package dev.surge.catalog.domain;

import dev.surge.catalog.CategoryChanged;
import dev.surge.catalog.data.CategoryWrites;
import dev.surge.catalog.data.CategoryWrites.CategoryRow;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Admins shape the category tree: create, rename, move, reorder, delete. The tree stays a tree (a move
 * under the category itself or one of its descendants is refused) and a category is deleted only when
 * empty. Category writes are serialised by one transaction-scoped lock, so two moves cannot together make
 * a cycle that each alone would not. Each change is audited and publishes {@link CategoryChanged}.
 */
@Service
public class CategoryManagementService {

    static final int MAX_NAME = 100;

    private final CategoryWrites writes;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final CatalogCaches caches;

    CategoryManagementService(CategoryWrites writes, AuditTrail audit, Outbox outbox, TransactionalOperator tx,
            CatalogCaches caches) {
        this.writes = writes;
        this.audit = audit;
        this.outbox = outbox;
        this.tx = tx;
        this.caches = caches;
    }

    /** The category tree changes only by admins. */
    private static Mono<Void> admin(Principals caller) {
        return caller.hasAnyRole("ADMIN", "SUPER_ADMIN") ? Mono.empty()
                : Mono.error(new AccessDeniedException("Only admins change categories"));
    }

    public Mono<CategoryNode> create(Principals caller, CategoryForm form, Origin origin) {
        return admin(caller).then(Mono.defer(() -> {
            String name = validName(form);
            UUID id = Ids.newId();
            return writes.lockTree()
                    .then(parentExists(form.parentId()))
                    .then(slug(form.slug(), name, null))
                    .flatMap(slug -> (form.position() != null ? Mono.just(form.position()) : writes.nextPosition(form.parentId()))
                            .map(position -> new CategoryRow(id, form.parentId(), slug, name, position)))
                    .flatMap(row -> writes.insert(row).then(written(caller, row, "category.created", origin)))
                    .as(tx::transactional)
                    .onErrorMap(CatalogErrors::fromDatabase)
                    .flatMap(this::invalidate);
        }));
    }

    /** Rename, re-slug, move ({@code parentId}) or reorder: {@code patch} turns the current fields into the new ones. */
    public Mono<CategoryNode> update(Principals caller, UUID id, UnaryOperator<CategoryForm> patch, Origin origin) {
        return admin(caller)
                .then(writes.lockTree())
                .then(writes.find(id))
                .switchIfEmpty(Mono.error(CategoryNotFound::new))
                .flatMap(current -> {
                    CategoryForm form = patch.apply(new CategoryForm(current.name(), current.slug(), current.parentId(),
                            current.position()));
                    String name = validName(form);
                    Mono<Void> move = form.parentId() == null || form.parentId().equals(current.parentId()) ? Mono.empty()
                            : parentExists(form.parentId())
                                    .then(writes.isSelfOrDescendant(form.parentId(), id))
                                    .flatMap(cycle -> cycle ? Mono.error(new CatalogErrors.CategoryCycle())
                                            : Mono.<Void>empty());
                    return move.then(slug(form.slug(), name, current))
                            .map(slug -> new CategoryRow(id, form.parentId(), slug, name,
                                    form.position() == null ? current.position() : form.position()))
                            .flatMap(row -> writes.update(row).then(written(caller, row, "category.updated", origin)));
                })
                .as(tx::transactional)
                .onErrorMap(CatalogErrors::fromDatabase)
                .flatMap(this::invalidate);
    }

    /** Only an empty category (no sub-categories, no products of any status) can go. */
    public Mono<Void> delete(Principals caller, UUID id, Origin origin) {
        return admin(caller)
                .then(writes.lockTree())
                .then(writes.find(id))
                .switchIfEmpty(Mono.error(CategoryNotFound::new))
                .flatMap(current -> writes.inUse(id).flatMap(used -> used
                        ? Mono.error(new CatalogErrors.CategoryNotEmpty())
                        : writes.delete(id)
                                .then(audit.record("category.deleted", caller.userId(), id, origin,
                                        Map.of("slug", current.slug())))
                                .then(outbox.append(new CategoryChanged(id)))))
                .as(tx::transactional)
                .onErrorMap(CatalogErrors::fromDatabase)
                .then(caches.afterCommit(caches.categoryChanged(id)));
    }

    private Mono<CategoryNode> written(Principals caller, CategoryRow row, String action, Origin origin) {
        Map<String, Object> details = new HashMap<>();
        details.put("slug", row.slug());
        details.put("name", row.name());
        details.put("parent", String.valueOf(row.parentId()));
        return audit.record(action, caller.userId(), row.id(), origin, details)
                .then(outbox.append(new CategoryChanged(row.id())))
                .thenReturn(new CategoryNode(row.id(), row.slug(), row.name(), List.of()));
    }

    private Mono<CategoryNode> invalidate(CategoryNode node) {
        return caches.afterCommit(caches.categoryChanged(node.id())).thenReturn(node);
    }

    private Mono<Void> parentExists(UUID parentId) {
        return parentId == null ? Mono.empty() : writes.find(parentId).hasElement()
                .flatMap(found -> found ? Mono.<Void>empty() : Mono.error(new CatalogErrors.InvalidBody("parentId",
                        "not_found", "there is no such category")));
    }

    /** The requested slug (must be free), the current one, or a free one made from the name. */
    private Mono<String> slug(String requested, String name, CategoryRow current) {
        if (requested != null) {
            List<FieldViolation> errors = new ArrayList<>();
            String slug = ProductRules.slug(requested, "slug", errors);
            if (!errors.isEmpty()) {
                return Mono.error(new CatalogErrors.InvalidBody(errors));
            }
            if (current != null && slug.equals(current.slug())) {
                return Mono.just(slug);
            }
            return writes.slugTaken(slug, current == null ? null : current.id())
                    .flatMap(taken -> taken ? Mono.error(new CatalogErrors.SlugTaken(slug)) : Mono.just(slug));
        }
        String base = Slugs.of(name, "category");
        // Under the tree lock no other category write runs, so a free slug stays free until commit.
        return writes.slugTaken(base, null).flatMap(taken -> !taken ? Mono.just(base)
                : writes.highestSlugSuffix(base).map(n -> base + "-" + (Math.max(n, 1) + 1)));
    }

    private static String validName(CategoryForm form) {
        String name = form.name() == null ? "" : form.name().trim();
        List<FieldViolation> errors = new ArrayList<>();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.add(new FieldViolation("name", name.isEmpty() ? "required" : "length", "must be 1 to " + MAX_NAME + " characters"));
        }
        if (form.position() != null && (form.position() < 0 || form.position() > 1_000_000)) {
            errors.add(new FieldViolation("position", "out_of_range", "must be between 0 and 1000000"));
        }
        if (!errors.isEmpty()) {
            throw new CatalogErrors.InvalidBody(errors);
        }
        return name;
    }
}
