package dev.surge.platform.errors;

/** A part of the request (an uploaded file, say) is larger than its endpoint allows; answered 413. */
public non-sealed class ContentTooLargeException extends SurgeException {

    @Override
    public final Kind kind() {
        return Kind.CONTENT_TOO_LARGE;
    }

    public ContentTooLargeException(String code, String message) {
        super(code, message);
    }
}
