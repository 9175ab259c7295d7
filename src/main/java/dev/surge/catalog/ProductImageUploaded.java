package dev.surge.catalog;

import dev.surge.platform.events.DomainEvent;
import java.util.UUID;

/**
 * An image was added to a product and its original is stored under {@code storageKey}. The catalog
 * itself reacts by making the image's thumbnails; the product page already shows the original.
 */
public record ProductImageUploaded(UUID productId, UUID imageId, String storageKey, String contentType)
        implements DomainEvent {

    @Override
    public String topic() {
        return ProductChanged.TOPIC;
    }

    @Override
    public String key() {
        return productId.toString();
    }
}
