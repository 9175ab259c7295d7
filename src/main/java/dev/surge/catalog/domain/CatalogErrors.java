package dev.surge.catalog.domain;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.ContentTooLargeException;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.PreconditionFailedException;
import dev.surge.platform.errors.PreconditionRequiredException;
import dev.surge.platform.errors.SurgeException;
import dev.surge.platform.errors.UnsupportedMediaTypeException;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.util.unit.DataSize;

/**
 * What catalog requests can run into, with their stable codes. The not-found kinds other code names by
 * type ({@link ProductNotFound}, {@link MerchantNotFound}, ...) have their own files.
 */
public final class CatalogErrors {

    static final String VALIDATION_FAILED = "validation_failed";
    static final String MALFORMED_JSON = "malformed_json";
    static final String SKU_TAKEN = "sku_taken";
    static final String SLUG_TAKEN = "slug_taken";

    private CatalogErrors() {
    }

    /** The request body breaks the rules of a product, variant or category ({@code violations} say where). */
    public static final class InvalidBody extends InvalidInputException {
        public InvalidBody(List<FieldViolation> violations) {
            super(VALIDATION_FAILED, "The request body is invalid", violations);
        }

        public InvalidBody(String field, String code, String message) {
            this(List.of(new FieldViolation(field, code, message)));
        }
    }

    public static final class InvalidQuery extends InvalidInputException {
        public InvalidQuery(String field, String code, String message) {
            super(VALIDATION_FAILED, "Some query parameters are invalid", List.of(new FieldViolation(field, code, message)));
        }
    }

    public static final class InvalidCursor extends InvalidInputException {
        public InvalidCursor() {
            super("invalid_cursor", "The cursor is not one this server issued");
        }
    }

    /** A merge patch that is not an object, or gives a field a value of the wrong type. */
    public static final class MalformedPatch extends InvalidInputException {
        public MalformedPatch(String message) {
            super(MALFORMED_JSON, message);
        }
    }

    public static final class PatchBodyRequired extends InvalidInputException {
        public PatchBodyRequired() {
            super("body_required", "A JSON merge patch body is required");
        }
    }

    public static final class IfMatchRequired extends PreconditionRequiredException {
        public IfMatchRequired() {
            super("precondition_required",
                    "Send If-Match with the product's ETag (from its GET or the last write) to change it");
        }
    }

    /** The product moved on since the version the caller sent in {@code If-Match}. */
    public static final class StaleProduct extends PreconditionFailedException {
        public StaleProduct(long current) {
            super("precondition_failed",
                    "The product changed since you read it (it is at version " + current + "); read it again and retry");
        }
    }

    public static final class SkuTaken extends ConflictException {
        public SkuTaken(String sku) {
            super(SKU_TAKEN, "SKU '" + sku + "' is already used by another variant");
        }

        /** The database caught it (a race): which SKU is not known. */
        SkuTaken() {
            super(SKU_TAKEN, "A SKU of this product is already used by another variant");
        }
    }

    public static final class SlugTaken extends ConflictException {
        public SlugTaken(String slug) {
            super(SLUG_TAKEN, "Slug '" + slug + "' is already used");
        }

        /** The database caught it (a race): which slug is not known. */
        SlugTaken() {
            super(SLUG_TAKEN, "This slug is already used");
        }
    }

    public static final class ConcurrentChange extends ConflictException {
        public ConcurrentChange() {
            super("conflict", "The change clashes with a concurrent one; retry it");
        }
    }

    public static final class StillReferenced extends ConflictException {
        public StillReferenced() {
            super("in_use", "Other records still refer to this; archive it instead");
        }
    }

    public static final class LastVariant extends ConflictException {
        public LastVariant() {
            super("last_variant", "A product keeps at least one variant; delete or archive the product instead");
        }
    }

    public static final class CategoryCycle extends ConflictException {
        public CategoryCycle() {
            super("category_cycle", "A category cannot move under itself or one of its descendants");
        }
    }

    public static final class CategoryNotEmpty extends ConflictException {
        public CategoryNotEmpty() {
            super("category_not_empty", "Move or delete its sub-categories and products first");
        }
    }

    /** A CSV whose header (or first bytes) cannot be imported: nothing was. */
    public static final class InvalidCsvHeader extends InvalidInputException {
        public InvalidCsvHeader(List<FieldViolation> violations) {
            super(VALIDATION_FAILED, "The CSV header is invalid; no row was imported", violations);
        }
    }

    public static final class UnreadableCsv extends InvalidInputException {
        public UnreadableCsv(String field, String message) {
            super(VALIDATION_FAILED, "The CSV cannot be imported; no row was imported",
                    List.of(new FieldViolation(field, "malformed", String.valueOf(message))));
        }
    }

    public static final class InvalidImage extends InvalidInputException {
        public InvalidImage(List<FieldViolation> violations) {
            super(VALIDATION_FAILED, "The image or its details are invalid", violations);
        }
    }

    public static final class IncompleteUpload extends InvalidInputException {
        public IncompleteUpload(List<FieldViolation> violations) {
            super(VALIDATION_FAILED, "The upload is incomplete", violations);
        }
    }

    public static final class NotMultipart extends UnsupportedMediaTypeException {
        public NotMultipart() {
            super("unsupported_media_type", "Send the image as multipart/form-data with a part named file");
        }
    }

    public static final class UnsupportedImageType extends UnsupportedMediaTypeException {
        public UnsupportedImageType() {
            super("unsupported_image_type", "The file is not a JPEG, PNG or WebP image");
        }
    }

    /** The file is over {@code surge.catalog.media.max-upload-size}. */
    public static final class ImageTooLarge extends ContentTooLargeException {
        public ImageTooLarge(DataSize maxUploadSize) {
            super("image_too_large", "An image file may be at most " + maxUploadSize.toMegabytes() + " MB");
        }
    }

    public static final class TooManyImages extends ConflictException {
        public TooManyImages(int max) {
            super("too_many_images", "A product has at most " + max + " images");
        }
    }

    /** A unique or foreign key the database enforced after our own checks (a race): a 409, never a 500. */
    static Throwable fromDatabase(Throwable error) {
        if (error instanceof SurgeException) {
            return error;
        }
        if (error instanceof DuplicateKeyException duplicate) {
            String message = String.valueOf(duplicate.getMessage());
            if (message.contains("product_variants_sku_key")) {
                return new SkuTaken();
            }
            if (message.contains("slug_key")) {
                return new SlugTaken();
            }
            return new ConcurrentChange();
        }
        if (error instanceof DataIntegrityViolationException integrity
                && String.valueOf(integrity.getMessage()).contains("foreign key")) {
            return new StillReferenced();
        }
        return error;
    }
}
