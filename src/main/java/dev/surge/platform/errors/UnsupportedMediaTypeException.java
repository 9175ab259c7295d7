package dev.surge.platform.errors;

/** The content is of a type this endpoint does not take (e.g. an upload that is not an image); answered 415. */
public non-sealed class UnsupportedMediaTypeException extends SurgeException {

    @Override
    public final Kind kind() {
        return Kind.UNSUPPORTED_MEDIA_TYPE;
    }

    public UnsupportedMediaTypeException(String code, String message) {
        super(code, message);
    }
}
