package dev.surge.platform.errors;

/** The thing asked for does not exist, or the caller may not know that it does. */
public class NotFoundException extends SurgeException {

    public NotFoundException(String code, String message) {
        super(code, message);
    }
}
