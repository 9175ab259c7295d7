package dev.surge.catalog.domain;

import dev.surge.catalog.ProductChanged;
import dev.surge.catalog.ProductImageUploaded;
import dev.surge.catalog.config.ProductMediaProperties;
import dev.surge.catalog.data.ProductMediaQueries;
import dev.surge.catalog.data.ProductMediaQueries.ProductOwner;
import dev.surge.catalog.data.ProductMediaQueries.StoredImage;
import dev.surge.catalog.data.ProductMediaQueries.StoredThumbnail;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.MerchantAccess;
import dev.surge.platform.security.Principals;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A product's gallery: upload, alt text and order, delete. Sellers manage their own merchant's products,
 * admins any; other roles get 403, and a seller naming another merchant's product gets 404 as if it did
 * not exist.
 * <p>
 * An upload stores the file first and then, in one transaction, adds the row and the
 * {@link ProductImageUploaded} and {@link ProductChanged} events; if that transaction fails the file is
 * deleted again, so a failed upload leaves nothing behind. Deleting an image removes its row first and
 * its files after the commit (a file left over by a crash is unreachable, never a broken image).
 */
@Service
public class ProductMediaService {

    private static final Logger log = LoggerFactory.getLogger(ProductMediaService.class);
    static final int MAX_ALT_LENGTH = 500;

    private final ProductMediaQueries queries;
    private final ImageStorage storage;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final MediaSchedulers schedulers;
    private final ProductMediaProperties properties;

    ProductMediaService(ProductMediaQueries queries, ImageStorage storage, Outbox outbox, TransactionalOperator tx,
            MediaSchedulers schedulers, ProductMediaProperties properties) {
        this.queries = queries;
        this.storage = storage;
        this.outbox = outbox;
        this.tx = tx;
        this.schedulers = schedulers;
        this.properties = properties;
    }

    /**
     * Adds an image. {@code upload} is read only once the caller may change the product, so a refused
     * caller's file is never taken in.
     */
    public Mono<ProductImage> upload(Principals caller, UUID productId, Mono<NewImage> upload) {
        return authorize(caller, productId)
                .then(upload)
                .flatMap(image -> validate(image).flatMap(checked -> store(productId, image, checked)));
    }

    /** Changes alt text and/or position; a position past the end moves the image last. */
    public Mono<ProductImage> update(Principals caller, UUID productId, UUID imageId, String alt, Integer position) {
        List<FieldViolation> violations = new ArrayList<>();
        if (alt == null && position == null) {
            violations.add(new FieldViolation("alt", "required", "give alt, position or both"));
        }
        checkAlt(alt, violations);
        checkPosition(position, violations);
        return authorize(caller, productId)
                .then(Mono.defer(() -> !violations.isEmpty() ? Mono.error(new CatalogErrors.InvalidImage(violations)) : queries.product(productId, true)
                        .switchIfEmpty(Mono.error(ProductNotFound::new))
                        .flatMap(product -> queries.image(productId, imageId)
                                .switchIfEmpty(Mono.error(ProductImageNotFound::new))
                                .flatMap(image -> (alt == null ? Mono.<Long>empty() : queries.updateAlt(imageId, alt))
                                        .then(position == null ? Mono.empty() : queries.order(productId)
                                                .flatMap(order -> queries.reorder(productId,
                                                        moved(order, imageId, position)))))
                                .then(changed(product))
                                .then(queries.image(productId, imageId)))
                        .as(tx::transactional)))
                .map(StoredImage::view);
    }

    public Mono<Void> delete(Principals caller, UUID productId, UUID imageId) {
        return authorize(caller, productId)
                .then(Mono.defer(() -> queries.product(productId, true)
                        .switchIfEmpty(Mono.error(ProductNotFound::new))
                        .flatMap(product -> queries.image(productId, imageId)
                                .switchIfEmpty(Mono.error(ProductImageNotFound::new))
                                .flatMap(image -> queries.delete(imageId)
                                        .then(queries.order(productId))
                                        .flatMap(order -> queries.reorder(productId, order))
                                        .then(changed(product))
                                        .thenReturn(image)))
                        .as(tx::transactional)))
                .flatMap(image -> deleteFiles(image).onErrorResume(e -> {
                    log.warn("Image {} deleted but its files could not be: {}", image.id(), e.toString());
                    return Mono.empty();
                }));
    }

    /** The original and every thumbnail of an image Surge stored; nothing for external URLs. */
    Mono<Void> deleteFiles(StoredImage image) {
        if (image.storageKey() == null) {
            return Mono.empty();
        }
        Stream<String> thumbnails = image.thumbnails() == null ? Stream.empty()
                : image.thumbnails().stream().map(StoredThumbnail::key);
        return Flux.fromStream(Stream.concat(Stream.of(image.storageKey()), thumbnails))
                .concatMap(storage::delete)
                .then();
    }

    private Mono<ProductOwner> authorize(Principals caller, UUID productId) {
        if (MerchantAccess.of(caller, null) == MerchantAccess.NOT_A_SELLER) {
            return Mono.error(new AccessDeniedException("Only sellers and admins manage product images"));
        }
        return queries.product(productId, false)
                .filter(product -> MerchantAccess.of(caller, product.merchantId()).allowed())
                .switchIfEmpty(Mono.error(ProductNotFound::new))
                .flatMap(product -> product.merchantActive() || MerchantAccess.of(caller, null) == MerchantAccess.STAFF
                        ? Mono.just(product) : Mono.error(ProductAccess.suspended()));
    }

    /** Checks the upload and returns what is stored: without metadata, upright (see {@link ImageSanitizer}). */
    private Mono<ImageSanitizer.Sanitized> validate(NewImage image) {
        List<FieldViolation> violations = new ArrayList<>();
        checkAlt(image.alt(), violations);
        checkPosition(image.position(), violations);
        if (!violations.isEmpty()) {
            return Mono.error(new CatalogErrors.InvalidImage(violations));
        }
        if (image.content().length > properties.maxUploadSize().toBytes()) {
            return Mono.error(new CatalogErrors.ImageTooLarge(properties.maxUploadSize()));
        }
        ImageFormat format = ImageFormat.detect(image.content()).orElse(null);
        if (format == null) {
            return Mono.error(new CatalogErrors.UnsupportedImageType());
        }
        // The header first: a small file claiming a huge picture is refused before anything decodes it.
        return Mono.fromCallable(() -> ImageScaler.probe(image.content(), format))
                .flatMap(dimensions -> dimensions.pixels() > properties.maxPixels()
                        ? Mono.error(new CatalogErrors.InvalidImage(List.of(new FieldViolation("file", "too_many_pixels",
                                "must be at most " + properties.maxPixels() + " pixels (width x height)"))))
                        : Mono.fromCallable(() -> ImageSanitizer.sanitize(image.content(), format)))
                .subscribeOn(schedulers.imaging())
                // A reader's complaint, checked or not, means a damaged file; a full scheduler does not.
                .onErrorMap(e -> !(e instanceof RejectedExecutionException || e instanceof CatalogErrors.InvalidImage),
                        e -> new CatalogErrors.InvalidImage(List.of(new FieldViolation("file", "unreadable",
                                "looks like " + format.name() + " but cannot be read as one"))));
    }

    private Mono<ProductImage> store(UUID productId, NewImage image, ImageSanitizer.Sanitized checked) {
        UUID imageId = Ids.newId();
        String key = "products/" + productId + "/" + imageId + "." + checked.format().extension();
        StoredImage row = new StoredImage(imageId, productId, storage.url(key), image.alt() == null ? "" : image.alt(),
                0, key, checked.format().contentType(), checked.dimensions().width(), checked.dimensions().height(),
                (long) checked.content().length, null);
        Mono<StoredImage> record = queries.product(productId, true)
                .switchIfEmpty(Mono.error(ProductNotFound::new))
                .flatMap(product -> queries.order(productId).flatMap(order -> {
                    if (order.size() >= properties.maxImagesPerProduct()) {
                        return Mono.error(new CatalogErrors.TooManyImages(properties.maxImagesPerProduct()));
                    }
                    return queries.insert(row)
                            .then(queries.reorder(productId, moved(append(order, imageId), imageId,
                                    image.position() == null ? order.size() : image.position())))
                            .then(outbox.append(new ProductImageUploaded(productId, imageId, key,
                                    checked.format().contentType())))
                            .then(changed(product));
                }))
                .then(queries.image(productId, imageId))
                .as(tx::transactional);
        return storage.put(key, checked.content(), checked.format().contentType())
                .then(record.onErrorResume(e -> storage.delete(key)
                        .onErrorResume(cleanup -> {
                            log.warn("Could not remove {} after a failed upload: {}", key, cleanup.toString());
                            return Mono.empty();
                        })
                        .then(Mono.error(e))))
                .map(StoredImage::view);
    }

    private Mono<Void> changed(ProductOwner product) {
        return queries.touch(product.id())
                .then(outbox.append(new ProductChanged(product.id(), List.of(product.slug()))));
    }

    private static List<UUID> append(List<UUID> order, UUID id) {
        List<UUID> result = new ArrayList<>(order);
        result.add(id);
        return result;
    }

    /** {@code order} with {@code id} moved to {@code position} (clamped to the end). */
    static List<UUID> moved(List<UUID> order, UUID id, int position) {
        List<UUID> result = new ArrayList<>(order);
        result.remove(id);
        result.add(Math.min(position, result.size()), id);
        return result;
    }

    private static void checkAlt(String alt, List<FieldViolation> violations) {
        if (alt != null && alt.length() > MAX_ALT_LENGTH) {
            violations.add(new FieldViolation("alt", "size", "must be at most " + MAX_ALT_LENGTH + " characters"));
        }
    }

    private static void checkPosition(Integer position, List<FieldViolation> violations) {
        if (position != null && position < 0) {
            violations.add(new FieldViolation("position", "min", "must be 0 or more"));
        }
    }
}
