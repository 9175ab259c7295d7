package dev.surge.platform.errors;

/** A part of the request (an uploaded file, say) is larger than its endpoint allows; answered 413. */
public class ContentTooLargeException extends SurgeException {

    public ContentTooLargeException(String code, String message) {
        super(code, message);
    }
}
