package dev.surge.platform.errors;

/** The caller's credentials are missing, wrong or no longer valid. */
public class UnauthenticatedException extends SurgeException {

    public UnauthenticatedException(String code, String message) {
        super(code, message);
    }
}
