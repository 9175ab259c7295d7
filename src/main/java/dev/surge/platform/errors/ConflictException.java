package dev.surge.platform.errors;

/** The request is valid but clashes with the current state. */
public non-sealed class ConflictException extends SurgeException {

    @Override
    public final Kind kind() {
        return Kind.CONFLICT;
    }

    public ConflictException(String code, String message) {
        super(code, message);
    }
}
