package dev.surge.catalog.domain;

import dev.surge.catalog.ProductChanged;
import dev.surge.catalog.ProductImageUploaded;
import dev.surge.catalog.config.ProductMediaProperties;
import dev.surge.catalog.data.ProductMediaQueries;
import dev.surge.catalog.data.ProductMediaQueries.StoredImage;
import dev.surge.catalog.data.ProductMediaQueries.StoredThumbnail;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import dev.surge.platform.events.Outbox;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes an uploaded image's thumbnails ({@code surge.catalog.media.thumbnail-sizes}, longest side) on the
 * {@code surge-media} scheduler, stores them next to the original, records them on the image row and
 * publishes {@link ProductChanged} so cached product pages pick them up.
 * <p>
 * Idempotent: an image that already has thumbnails, or no longer exists, is skipped; thumbnail keys are
 * derived from the image's key, so a retry after a crash overwrites the same files instead of adding
 * new ones; the row is only written where no thumbnails are recorded yet. A file that cannot be decoded
 * gets an empty thumbnail list (retrying would not help) and the page keeps showing the original.
 */
@Component
class ThumbnailGenerator implements EventHandler<ProductImageUploaded> {

    private static final Logger log = LoggerFactory.getLogger(ThumbnailGenerator.class);

    private final ProductMediaQueries queries;
    private final ImageStorage storage;
    private final Outbox outbox;
    private final MediaSchedulers schedulers;
    private final List<Integer> sizes;

    ThumbnailGenerator(ProductMediaQueries queries, ImageStorage storage, Outbox outbox, MediaSchedulers schedulers,
            ProductMediaProperties properties) {
        this.queries = queries;
        this.storage = storage;
        this.outbox = outbox;
        this.schedulers = schedulers;
        this.sizes = properties.thumbnailSizes().stream().distinct().sorted().toList();
    }

    @Override
    public String name() {
        return "catalog.thumbnails";
    }

    @Override
    public String topic() {
        return ProductChanged.TOPIC;
    }

    @Override
    public Class<ProductImageUploaded> eventType() {
        return ProductImageUploaded.class;
    }

    @Override
    public Mono<Void> handle(ProductImageUploaded event, EventMetadata metadata) {
        return queries.image(event.imageId())
                .filter(image -> image.thumbnails() == null && image.storageKey() != null)
                .flatMap(image -> storage.get(image.storageKey())
                        .switchIfEmpty(Mono.fromRunnable(() -> log.warn("Image {} has no stored original at {}",
                                image.id(), image.storageKey())))
                        .flatMap(original -> make(image, original))
                        .flatMap(thumbnails -> record(image, thumbnails)));
    }

    private Mono<List<StoredThumbnail>> make(StoredImage image, byte[] original) {
        ImageFormat format = ImageFormat.detect(original).orElse(null);
        if (format == null) {
            log.warn("Image {} is not an image after all; it gets no thumbnails", image.id());
            return Mono.just(List.of());
        }
        return Mono.fromCallable(() -> ImageScaler.thumbnails(original, format, sizes))
                .subscribeOn(schedulers.imaging())
                .flatMapMany(Flux::fromIterable)
                .concatMap(thumbnail -> {
                    String key = thumbnailKey(image.storageKey(), thumbnail);
                    return storage.put(key, thumbnail.content(), thumbnail.format().contentType())
                            .thenReturn(new StoredThumbnail(thumbnail.size(), storage.url(key), thumbnail.width(),
                                    thumbnail.height(), key));
                })
                .collectList()
                // Decoding failures are the file's fault and final; storage or scheduler trouble is retried.
                .onErrorResume(e -> e instanceof java.io.IOException || e instanceof IllegalArgumentException
                        || e instanceof ArrayIndexOutOfBoundsException, e -> {
                    log.warn("Image {} could not be decoded; it gets no thumbnails: {}", image.id(), e.toString());
                    return Mono.just(List.of());
                });
    }

    private Mono<Void> record(StoredImage image, List<StoredThumbnail> thumbnails) {
        Mono<Void> forget = Flux.fromIterable(thumbnails).concatMap(t -> storage.delete(t.key())).then();
        // Lock the product row first, as image edits do (product, then its images): the other order deadlocks.
        return queries.product(image.productId(), true)
                .flatMap(product -> queries.setThumbnails(image.id(), thumbnails).flatMap(updated -> {
                    if (updated == 0) {
                        // Deleted meanwhile (its delete did not know these files) or recorded by a concurrent run.
                        return queries.image(image.id()).hasElement().flatMap(exists -> exists ? Mono.empty() : forget);
                    }
                    return queries.touch(product.id())
                            .then(outbox.append(new ProductChanged(product.id(), List.of(product.slug()))));
                }).thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> forget.thenReturn(true))) // the product, and so the image, is gone
                .then();
    }

    /** {@code products/<p>/<image>.png} → {@code products/<p>/<image>-200.jpg}. */
    static String thumbnailKey(String originalKey, ImageScaler.Thumbnail thumbnail) {
        int dot = originalKey.lastIndexOf('.');
        String stem = dot < 0 ? originalKey : originalKey.substring(0, dot);
        return stem + "-" + thumbnail.size() + "." + thumbnail.format().extension();
    }
}
