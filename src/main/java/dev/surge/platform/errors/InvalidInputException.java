package dev.surge.platform.errors;

import java.util.List;

/** The input is malformed or breaks a rule; {@link #violations()} says which field and why. */
public non-sealed class InvalidInputException extends SurgeException {

    private final List<FieldViolation> violations;

    public InvalidInputException(String code, String message, List<FieldViolation> violations) {
        super(code, message);
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String code, String message) {
        this(code, message, List.of());
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    @Override
    public final Kind kind() {
        return Kind.INVALID_INPUT;
    }
}
