package dev.surge.catalog.data;

import dev.surge.catalog.domain.ProductImage;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL of product images. Gallery positions are kept dense (0..n-1): every change writes the whole order
 * of the product's images, under a lock on the product row, so concurrent edits of one gallery queue up
 * instead of interleaving.
 */
@Repository
public class ProductMediaQueries {

    private static final TypeReference<List<StoredThumbnail>> THUMBNAILS = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final JsonMapper json;

    ProductMediaQueries(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Whose product it is; {@code lock}: hold the row until the transaction ends. Any status. */
    public Mono<ProductOwner> product(UUID productId, boolean lock) {
        return db.sql("SELECT p.id, p.merchant_id, p.slug, m.status = 'ACTIVE' AS merchant_active FROM products p "
                        + "JOIN merchants m ON m.id = p.merchant_id WHERE p.id = :id" + (lock ? " FOR UPDATE OF p" : ""))
                .bind("id", productId)
                .map(row -> new ProductOwner(row.get("id", UUID.class), row.get("merchant_id", UUID.class),
                        row.get("slug", String.class), Boolean.TRUE.equals(row.get("merchant_active", Boolean.class))))
                .one();
    }

    /** The product's image ids in gallery order. */
    public Mono<List<UUID>> order(UUID productId) {
        return db.sql("SELECT id FROM product_images WHERE product_id = :product ORDER BY position, id")
                .bind("product", productId)
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList();
    }

    /** Writes positions 0..n-1 in the order given. */
    public Mono<Void> reorder(UUID productId, List<UUID> ids) {
        return db.sql("""
                UPDATE product_images i SET position = o.ord - 1
                FROM unnest(CAST(:ids AS uuid[])) WITH ORDINALITY AS o(id, ord)
                WHERE i.id = o.id AND i.product_id = :product AND i.position <> o.ord - 1""")
                .bind("ids", ids.toArray(UUID[]::new))
                .bind("product", productId)
                .then();
    }

    public Mono<Void> insert(StoredImage image) {
        return db.sql("""
                INSERT INTO product_images (id, product_id, url, alt, position, storage_key, content_type, width,
                                            height, byte_size)
                VALUES (:id, :product, :url, :alt, :position, :key, :type, :width, :height, :size)""")
                .bind("id", image.id()).bind("product", image.productId()).bind("url", image.url())
                .bind("alt", image.alt()).bind("position", image.position()).bind("key", image.storageKey())
                .bind("type", image.contentType()).bind("width", image.width()).bind("height", image.height())
                .bind("size", image.byteSize())
                .then();
    }

    public Mono<StoredImage> image(UUID productId, UUID imageId) {
        return db.sql("""
                SELECT id, product_id, url, alt, position, storage_key, content_type, width, height, byte_size,
                       thumbnails::text AS thumbnails
                FROM product_images WHERE id = :id AND product_id = :product""")
                .bind("id", imageId).bind("product", productId)
                .map(this::stored)
                .one();
    }

    /** The image without its product: what the thumbnail consumer starts from. */
    public Mono<StoredImage> image(UUID imageId) {
        return db.sql("""
                SELECT id, product_id, url, alt, position, storage_key, content_type, width, height, byte_size,
                       thumbnails::text AS thumbnails
                FROM product_images WHERE id = :id""")
                .bind("id", imageId)
                .map(this::stored)
                .one();
    }

    public Mono<Long> updateAlt(UUID imageId, String alt) {
        return db.sql("UPDATE product_images SET alt = :alt WHERE id = :id")
                .bind("alt", alt).bind("id", imageId)
                .fetch().rowsUpdated();
    }

    public Mono<Long> delete(UUID imageId) {
        return db.sql("DELETE FROM product_images WHERE id = :id").bind("id", imageId).fetch().rowsUpdated();
    }

    /** Records thumbnails once: 0 when they were already recorded or the image is gone. */
    public Mono<Long> setThumbnails(UUID imageId, List<StoredThumbnail> thumbnails) {
        return db.sql("UPDATE product_images SET thumbnails = :thumbnails WHERE id = :id AND thumbnails IS NULL")
                .bind("thumbnails", Json.of(json.writeValueAsBytes(thumbnails)))
                .bind("id", imageId)
                .fetch().rowsUpdated();
    }

    /** Marks the product changed, for whoever orders or caches by {@code updated_at}. */
    public Mono<Void> touch(UUID productId) {
        return db.sql("UPDATE products SET updated_at = now() WHERE id = :id").bind("id", productId).then();
    }

    private StoredImage stored(Readable row) {
        String thumbnails = row.get("thumbnails", String.class);
        return new StoredImage(row.get("id", UUID.class), row.get("product_id", UUID.class),
                row.get("url", String.class), row.get("alt", String.class), row.get("position", Integer.class),
                row.get("storage_key", String.class), row.get("content_type", String.class),
                row.get("width", Integer.class), row.get("height", Integer.class), row.get("byte_size", Long.class),
                thumbnails == null ? null : json.readValue(thumbnails, THUMBNAILS));
    }

    /** {@code merchantActive}: false while the merchant is suspended (its sellers may not manage its products). */
    public record ProductOwner(UUID id, UUID merchantId, String slug, boolean merchantActive) {
    }

    /** {@code key}: where the thumbnail is stored, so deleting the image deletes it too. */
    public record StoredThumbnail(int size, String url, int width, int height, String key) {
    }

    /**
     * A product image row. {@code storageKey} is null for images Surge does not store (external URLs);
     * {@code thumbnails} is null until made.
     */
    public record StoredImage(UUID id, UUID productId, String url, String alt, Integer position, String storageKey,
            String contentType, Integer width, Integer height, Long byteSize, List<StoredThumbnail> thumbnails) {

        public ProductImage view() {
            return new ProductImage(id, url, alt, position, thumbnails == null ? null : thumbnails.stream()
                    .map(t -> new ProductImage.Thumbnail(t.size(), t.url(), t.width(), t.height())).toList());
        }
    }
}
