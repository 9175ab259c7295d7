package dev.surge.platform.errors;

/** A well-formed request that cannot be carried out as asked (the request is understood, the state refuses it). */
public non-sealed class UnprocessableException extends SurgeException {

    @Override
    public final Kind kind() {
        return Kind.UNPROCESSABLE;
    }

    public UnprocessableException(String code, String message) {
        super(code, message);
    }

    public UnprocessableException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
