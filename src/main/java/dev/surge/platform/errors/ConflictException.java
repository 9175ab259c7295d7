package dev.surge.platform.errors;

/** The request is valid but clashes with the current state. */
public class ConflictException extends SurgeException {

    public ConflictException(String code, String message) {
        super(code, message);
    }
}
