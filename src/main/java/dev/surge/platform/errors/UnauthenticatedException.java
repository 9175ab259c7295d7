package dev.surge.platform.errors;

/** The caller's credentials are missing, wrong or no longer valid. */
public non-sealed class UnauthenticatedException extends SurgeException {

    @Override
    public final Kind kind() {
        return Kind.UNAUTHENTICATED;
    }

    public UnauthenticatedException(String code, String message) {
        super(code, message);
    }
}
