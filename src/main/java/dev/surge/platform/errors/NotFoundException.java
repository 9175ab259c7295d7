package dev.surge.platform.errors;

/** The thing asked for does not exist, or the caller may not know that it does. */
public non-sealed class NotFoundException extends SurgeException {

    @Override
    public final Kind kind() {
        return Kind.NOT_FOUND;
    }

    public NotFoundException(String code, String message) {
        super(code, message);
    }
}
