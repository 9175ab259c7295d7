package dev.surge.catalog.domain;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.PreconditionFailedException;
import dev.surge.platform.errors.SurgeException;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

/** The typed errors of catalog management, with their stable codes. */
final class ManagementErrors {

    private ManagementErrors() {
    }

    static PreconditionFailedException stale(long current) {
        return new PreconditionFailedException("precondition_failed",
                "The product changed since you read it (it is at version " + current + "); read it again and retry");
    }

    static ConflictException skuTaken(String sku) {
        return new ConflictException("sku_taken", "SKU '" + sku + "' is already used by another variant");
    }

    static ConflictException slugTaken(String slug) {
        return new ConflictException("slug_taken", "Slug '" + slug + "' is already used");
    }

    static InvalidInputException invalid(List<FieldViolation> violations) {
        return new InvalidInputException("validation_failed", "The request body is invalid", violations);
    }

    static InvalidInputException invalid(String field, String code, String message) {
        return invalid(List.of(new FieldViolation(field, code, message)));
    }

    /** A unique or foreign key the database enforced after our own checks (a race): a 409, never a 500. */
    static Throwable fromDatabase(Throwable error) {
        if (error instanceof SurgeException) {
            return error;
        }
        if (error instanceof DuplicateKeyException duplicate) {
            String message = String.valueOf(duplicate.getMessage());
            if (message.contains("product_variants_sku_key")) {
                return new ConflictException("sku_taken", "A SKU of this product is already used by another variant");
            }
            if (message.contains("slug_key")) {
                return new ConflictException("slug_taken", "This slug is already used");
            }
            return new ConflictException("conflict", "The change clashes with a concurrent one; retry it");
        }
        if (error instanceof DataIntegrityViolationException integrity
                && String.valueOf(integrity.getMessage()).contains("foreign key")) {
            return new ConflictException("in_use", "Other records still refer to this; archive it instead");
        }
        return error;
    }
}
