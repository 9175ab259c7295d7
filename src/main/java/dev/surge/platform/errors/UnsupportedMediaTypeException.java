package dev.surge.platform.errors;

/** The content is of a type this endpoint does not take (e.g. an upload that is not an image); answered 415. */
public class UnsupportedMediaTypeException extends SurgeException {

    public UnsupportedMediaTypeException(String code, String message) {
        super(code, message);
    }
}
