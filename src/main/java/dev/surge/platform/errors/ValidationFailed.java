package dev.surge.platform.errors;

import java.util.List;

/** A request whose fields break their rules: {@code validation_failed}, with every violation listed. */
public final class ValidationFailed extends InvalidInputException {

    public static final String CODE = "validation_failed";

    public ValidationFailed(String message, List<FieldViolation> violations) {
        super(CODE, message, violations);
    }

    /** One field's violation. */
    public ValidationFailed(String message, FieldViolation violation) {
        this(message, List.of(violation));
    }
}
