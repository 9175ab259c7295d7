package dev.surge.catalog.data;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The SQL of category administration. Every write first takes {@link #lockTree}: moves are checked for cycles against a tree nobody else is changing. */
@Repository
public class CategoryWrites {

    private final DatabaseClient db;

    CategoryWrites(DatabaseClient db) {
        this.db = db;
    }

    public record CategoryRow(UUID id, UUID parentId, String slug, String name, int position) {
    }

    public record ProductKey(UUID id, String slug) {
    }

    /** Serialises category writes until the transaction ends (they are rare; readers never wait). */
    public Mono<Void> lockTree() {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext('surge.catalog.categories'))").then();
    }

    public Mono<CategoryRow> find(UUID id) {
        return db.sql("SELECT id, parent_id, slug, name, position FROM categories WHERE id = :id")
                .bind("id", id).map(CategoryWrites::row).one();
    }

    public Mono<Boolean> slugTaken(String slug, UUID except) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM categories WHERE slug = :slug AND id IS DISTINCT FROM :id) AS taken")
                .bind("slug", slug).bind("id", except == null ? Parameters.in(UUID.class) : except)
                .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class))).one();
    }

    /** The highest n of the slugs {@code base} ({@code 1}) and {@code base-n}; 0 when none is taken. */
    public Mono<Integer> highestSlugSuffix(String base) {
        return db.sql("""
                SELECT COALESCE(max(CASE WHEN slug = :base THEN 1
                                         ELSE substring(slug FROM '-([0-9]{1,9})$')::int END), 0) AS n
                FROM categories
                WHERE slug = :base OR slug ~ ('^' || :base || '-[0-9]{1,9}$')""")
                .bind("base", base)
                .map(row -> row.get("n", Integer.class)).one();
    }

    /** Next display position among the parent's children. */
    public Mono<Integer> nextPosition(UUID parentId) {
        return db.sql("SELECT COALESCE(max(position) + 1, 0) AS n FROM categories WHERE parent_id IS NOT DISTINCT FROM :parent")
                .bind("parent", parentId == null ? Parameters.in(UUID.class) : parentId)
                .map(row -> row.get("n", Integer.class)).one();
    }

    public Mono<Void> insert(CategoryRow category) {
        return db.sql("""
                INSERT INTO categories (id, parent_id, slug, name, position)
                VALUES (:id, :parent, :slug, :name, :position)""")
                .bind("id", category.id())
                .bind("parent", category.parentId() == null ? Parameters.in(UUID.class) : category.parentId())
                .bind("slug", category.slug()).bind("name", category.name()).bind("position", category.position())
                .then();
    }

    public Mono<Void> update(CategoryRow category) {
        return db.sql("""
                UPDATE categories SET parent_id = :parent, slug = :slug, name = :name, position = :position
                WHERE id = :id""")
                .bind("id", category.id())
                .bind("parent", category.parentId() == null ? Parameters.in(UUID.class) : category.parentId())
                .bind("slug", category.slug()).bind("name", category.name()).bind("position", category.position())
                .then();
    }

    /** Whether {@code candidate} is {@code id} itself or one of its descendants. */
    public Mono<Boolean> isSelfOrDescendant(UUID candidate, UUID id) {
        return db.sql("""
                WITH RECURSIVE tree AS (
                    SELECT id FROM categories WHERE id = :id
                    UNION
                    SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id)
                SELECT EXISTS (SELECT 1 FROM tree WHERE id = :candidate) AS found""")
                .bind("id", id).bind("candidate", candidate)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    /** Whether the category has sub-categories or products (of any status). */
    public Mono<Boolean> inUse(UUID id) {
        return db.sql("""
                SELECT EXISTS (SELECT 1 FROM categories WHERE parent_id = :id)
                    OR EXISTS (SELECT 1 FROM products WHERE category_id = :id) AS used""")
                .bind("id", id)
                .map(row -> Boolean.TRUE.equals(row.get("used", Boolean.class))).one();
    }

    public Mono<Void> delete(UUID id) {
        return db.sql("DELETE FROM categories WHERE id = :id").bind("id", id).then();
    }

    /** The products filed directly under the category: their pages show its name. */
    public Flux<ProductKey> products(UUID categoryId) {
        return db.sql("SELECT id, slug FROM products WHERE category_id = :id")
                .bind("id", categoryId)
                .map(row -> new ProductKey(row.get("id", UUID.class), row.get("slug", String.class)))
                .all();
    }

    /** Every product of the merchant: their pages show (or hide) the merchant. */
    public Flux<ProductKey> merchantProducts(UUID merchantId) {
        return db.sql("SELECT id, slug FROM products WHERE merchant_id = :id")
                .bind("id", merchantId)
                .map(row -> new ProductKey(row.get("id", UUID.class), row.get("slug", String.class)))
                .all();
    }

    private static CategoryRow row(Readable row) {
        return new CategoryRow(row.get("id", UUID.class), row.get("parent_id", UUID.class), row.get("slug", String.class),
                row.get("name", String.class), row.get("position", Integer.class));
    }
}
