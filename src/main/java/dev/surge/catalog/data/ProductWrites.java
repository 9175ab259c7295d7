package dev.surge.catalog.data;

import dev.surge.catalog.domain.ManagedProduct;
import dev.surge.catalog.domain.ProductRules.ValidProduct;
import dev.surge.catalog.domain.ProductRules.ValidVariant;
import dev.surge.catalog.domain.ProductStatus;
import dev.surge.catalog.domain.ProductSummary.CategoryRef;
import dev.surge.platform.persistence.Money;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of catalog management: products and variants as their merchant sees and changes them. Every
 * statement that reads or writes a product names its merchant, so one merchant's ids never reach another's
 * rows. Callers run these inside one transaction per change, starting with {@link #lock}.
 */
@Repository
public class ProductWrites {

    private static final TypeReference<List<VariantRow>> VARIANTS = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final JsonMapper json;

    ProductWrites(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The product's current row, locked until the transaction ends; what every update starts with. */
    public record Locked(UUID id, String slug, long version, String currency, ProductStatus status) {
    }

    /** An existing variant: what an update matches forms against. */
    public record ExistingVariant(UUID id, String sku, int position) {
    }

    public Mono<Boolean> merchantExists(UUID merchantId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM merchants WHERE id = :id) AS found").bind("id", merchantId)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    /** Whether the merchant exists and is active (not suspended). */
    public Mono<Boolean> merchantActive(UUID merchantId) {
        return db.sql("SELECT status = 'ACTIVE' AS active FROM merchants WHERE id = :id").bind("id", merchantId)
                .map(row -> Boolean.TRUE.equals(row.get("active", Boolean.class))).one().defaultIfEmpty(false);
    }

    /** A category by slug or id (the CSV's {@code category} column). */
    public Mono<UUID> categoryId(String slugOrId, UUID id) {
        return db.sql(id != null ? "SELECT id FROM categories WHERE id = :key" : "SELECT id FROM categories WHERE slug = :key")
                .bind("key", id != null ? id : slugOrId)
                .map(row -> row.get("id", UUID.class)).one();
    }

    public Mono<Boolean> categoryExists(UUID categoryId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM categories WHERE id = :id) AS found").bind("id", categoryId)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    public Mono<Locked> lock(UUID productId, UUID merchantId) {
        return db.sql("""
                SELECT id, slug, version, currency, status FROM products
                WHERE id = :id AND merchant_id = :merchant FOR UPDATE""")
                .bind("id", productId).bind("merchant", merchantId)
                .map(ProductWrites::locked).one();
    }

    /** The merchant's product with this slug (the CSV's handle), locked. */
    public Mono<Locked> lockBySlug(String slug, UUID merchantId) {
        return db.sql("""
                SELECT id, slug, version, currency, status FROM products
                WHERE slug = :slug AND merchant_id = :merchant FOR UPDATE""")
                .bind("slug", slug).bind("merchant", merchantId)
                .map(ProductWrites::locked).one();
    }

    public Mono<Boolean> slugTaken(String slug) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM products WHERE slug = :slug) AS taken").bind("slug", slug)
                .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class))).one();
    }

    /** The highest n of the slugs {@code base} ({@code 1}) and {@code base-n}; 0 when none is taken. */
    public Mono<Integer> highestSlugSuffix(String base) {
        return db.sql("""
                SELECT COALESCE(max(CASE WHEN slug = :base THEN 1
                                         ELSE substring(slug FROM '-([0-9]{1,9})$')::int END), 0) AS n
                FROM products
                WHERE slug = :base OR slug ~ ('^' || :base || '-[0-9]{1,9}$')""")
                .bind("base", base)
                .map(row -> row.get("n", Integer.class)).one();
    }

    /** Inserts the product unless its slug is taken meanwhile; emits whether it did. */
    public Mono<Boolean> insertProduct(UUID id, UUID merchantId, String slug, ValidProduct product) {
        return db.sql("""
                INSERT INTO products (id, merchant_id, category_id, slug, title, description, status, featured,
                                      featured_position, price_minor, currency)
                VALUES (:id, :merchant, :category, :slug, :title, :description, :status, :featured,
                        :position, :price, :currency)
                ON CONFLICT (slug) DO NOTHING
                RETURNING id""")
                .bind("id", id).bind("merchant", merchantId).bind("category", product.categoryId())
                .bind("slug", slug).bind("title", product.title()).bind("description", product.description())
                .bind("status", product.status().name()).bind("featured", product.featured())
                .bind("position", nullable(product.featuredPosition(), Integer.class))
                .bind("price", product.variants().stream().mapToLong(ValidVariant::priceMinor).min().orElseThrow())
                .bind("currency", product.currency())
                .map(row -> row.get("id", UUID.class)).one()
                .hasElement();
    }

    /**
     * Product-level fields, and the lowest price and currency from the variants as they now are; a null
     * {@code slug} keeps the current one. Emits the new version.
     */
    public Mono<Long> updateProduct(UUID id, ValidProduct product, String slug) {
        return db.sql("""
                UPDATE products p SET title = :title, description = :description, category_id = :category,
                       status = :status, featured = :featured, featured_position = :position,
                       slug = COALESCE(:slug, p.slug), price_minor = v.lowest, currency = v.currency,
                       updated_at = now(), version = p.version + 1
                FROM (SELECT min(price_minor) AS lowest, min(currency) AS currency
                      FROM product_variants WHERE product_id = :id) v
                WHERE p.id = :id
                RETURNING p.version""")
                .bind("id", id).bind("title", product.title()).bind("description", product.description())
                .bind("category", product.categoryId()).bind("status", product.status().name())
                .bind("featured", product.featured())
                .bind("position", nullable(product.featuredPosition(), Integer.class))
                .bind("slug", nullable(slug, String.class))
                .map(row -> row.get("version", Long.class)).one();
    }

    /**
     * After variants changed: the lowest price and the currency follow the variants, the version moves on.
     * Emits the new version.
     */
    public Mono<Long> refreshPrice(UUID id) {
        return db.sql("""
                UPDATE products p SET price_minor = v.lowest, currency = v.currency, updated_at = now(),
                       version = p.version + 1
                FROM (SELECT min(price_minor) AS lowest, min(currency) AS currency
                      FROM product_variants WHERE product_id = :id) v
                WHERE p.id = :id
                RETURNING p.version""")
                .bind("id", id)
                .map(row -> row.get("version", Long.class)).one();
    }

    public Mono<Long> setStatus(UUID id, ProductStatus status) {
        return db.sql("""
                UPDATE products SET status = :status, updated_at = now(), version = version + 1
                WHERE id = :id RETURNING version""")
                .bind("id", id).bind("status", status.name())
                .map(row -> row.get("version", Long.class)).one();
    }

    public Mono<Void> deleteProduct(UUID id) {
        return db.sql("DELETE FROM products WHERE id = :id").bind("id", id).then();
    }

    /** SKUs of {@code skus} already used by variants of other products. */
    public Flux<String> skusTakenElsewhere(List<String> skus, UUID productId) {
        return db.sql("""
                SELECT sku FROM product_variants
                WHERE sku = ANY(CAST(:skus AS text[])) AND product_id IS DISTINCT FROM :product""")
                .bind("skus", skus.toArray(String[]::new))
                .bind("product", nullable(productId, UUID.class))
                .map(row -> row.get("sku", String.class)).all();
    }

    public Flux<ExistingVariant> variants(UUID productId) {
        return db.sql("SELECT id, sku, position FROM product_variants WHERE product_id = :id ORDER BY position, id")
                .bind("id", productId)
                .map(row -> new ExistingVariant(row.get("id", UUID.class), row.get("sku", String.class),
                        row.get("position", Integer.class)))
                .all();
    }

    public Mono<Void> insertVariant(UUID id, UUID productId, int position, ValidVariant variant, String currency, int stock) {
        return db.sql("""
                INSERT INTO product_variants (id, product_id, sku, title, price_minor, currency, compare_at_minor,
                                              weight_grams, attributes, stock_on_hand, position)
                VALUES (:id, :product, :sku, :title, :price, :currency, :compareAt, :weight, :attributes, :stock, :position)""")
                .bind("id", id).bind("product", productId).bind("sku", variant.sku()).bind("title", variant.title())
                .bind("price", variant.priceMinor()).bind("currency", currency)
                .bind("compareAt", nullable(variant.compareAtMinor(), Long.class))
                .bind("weight", nullable(variant.weightGrams(), Integer.class))
                .bind("attributes", Json.of(json.writeValueAsBytes(variant.attributes())))
                .bind("stock", stock).bind("position", position)
                .then();
    }

    /** Updates a variant in place (its id and stock never change here). */
    public Mono<Void> updateVariant(UUID id, UUID productId, ValidVariant variant, String currency, int position) {
        return db.sql("""
                UPDATE product_variants SET sku = :sku, title = :title, price_minor = :price, currency = :currency,
                       compare_at_minor = :compareAt, weight_grams = :weight, attributes = :attributes,
                       position = :position
                WHERE id = :id AND product_id = :product""")
                .bind("id", id).bind("product", productId).bind("sku", variant.sku()).bind("title", variant.title())
                .bind("price", variant.priceMinor()).bind("currency", currency)
                .bind("compareAt", nullable(variant.compareAtMinor(), Long.class))
                .bind("weight", nullable(variant.weightGrams(), Integer.class))
                .bind("attributes", Json.of(json.writeValueAsBytes(variant.attributes())))
                .bind("position", position)
                .then();
    }

    public Mono<Void> deleteVariant(UUID id, UUID productId) {
        return db.sql("DELETE FROM product_variants WHERE id = :id AND product_id = :product")
                .bind("id", id).bind("product", productId).then();
    }

    public Mono<ManagedProduct> managed(UUID productId, UUID merchantId) {
        return db.sql(MANAGED + " WHERE p.id = :id AND p.merchant_id = :merchant")
                .bind("id", productId).bind("merchant", merchantId)
                .map(row -> managed(row)).one();
    }

    /** One page of a merchant's products, newest first, after {@code afterId} (null: from the newest). */
    public Flux<ManagedProduct> managedPage(UUID merchantId, ProductStatus status, UUID afterId, int limit) {
        String sql = MANAGED + " WHERE p.merchant_id = :merchant"
                + (status != null ? " AND p.status = :status" : "")
                + (afterId != null ? " AND p.id < :after" : "")
                + " ORDER BY p.id DESC LIMIT :limit";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("merchant", merchantId).bind("limit", limit);
        if (status != null) {
            spec = spec.bind("status", status.name());
        }
        if (afterId != null) {
            spec = spec.bind("after", afterId);
        }
        return spec.map(row -> managed(row)).all();
    }

    private static final String MANAGED = """
            SELECT p.id, p.merchant_id, p.slug, p.title, p.description, p.status, p.featured, p.featured_position,
                   p.price_minor, p.currency, p.version, p.created_at, p.updated_at,
                   c.id AS category_id, c.slug AS category_slug, c.name AS category_name,
                   COALESCE((SELECT json_agg(json_build_object(
                               'id', v.id, 'sku', v.sku, 'title', v.title, 'priceMinor', v.price_minor,
                               'currency', v.currency, 'compareAtMinor', v.compare_at_minor,
                               'weightGrams', v.weight_grams, 'attributes', v.attributes,
                               'stockOnHand', v.stock_on_hand) ORDER BY v.position, v.id)
                             FROM product_variants v WHERE v.product_id = p.id), '[]')::text AS variants
            FROM products p
            JOIN categories c ON c.id = p.category_id""";

    private ManagedProduct managed(Readable row) {
        List<VariantRow> variants = json.readValue(row.get("variants", String.class), VARIANTS);
        return new ManagedProduct(row.get("id", UUID.class), row.get("merchant_id", UUID.class),
                row.get("slug", String.class), row.get("title", String.class), row.get("description", String.class),
                ProductStatus.valueOf(row.get("status", String.class)),
                Boolean.TRUE.equals(row.get("featured", Boolean.class)), row.get("featured_position", Integer.class),
                new CategoryRef(row.get("category_id", UUID.class), row.get("category_slug", String.class),
                        row.get("category_name", String.class)),
                Money.of(row.get("price_minor", Long.class), row.get("currency", String.class)),
                row.get("version", Long.class),
                variants.stream().map(VariantRow::variant).toList(),
                RowValues.instant(row, "created_at"), RowValues.instant(row, "updated_at"));
    }

    private record VariantRow(UUID id, String sku, String title, long priceMinor, String currency, Long compareAtMinor,
            Integer weightGrams, Map<String, String> attributes, int stockOnHand) {

        ManagedProduct.Variant variant() {
            return new ManagedProduct.Variant(id, sku, title, Money.of(priceMinor, currency),
                    compareAtMinor == null ? null : Money.of(compareAtMinor, currency), weightGrams,
                    attributes == null ? Map.of() : attributes, stockOnHand);
        }
    }

    private static Locked locked(Readable row) {
        return new Locked(row.get("id", UUID.class), row.get("slug", String.class), row.get("version", Long.class),
                row.get("currency", String.class).trim(), ProductStatus.valueOf(row.get("status", String.class)));
    }

    private static Object nullable(Object value, Class<?> type) {
        return value == null ? Parameters.in(type) : value;
    }
}
