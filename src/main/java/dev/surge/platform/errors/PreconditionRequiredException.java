package dev.surge.platform.errors;

/**
 * A write that must be conditional came without its condition (RFC 6585: 428). Refusing it is what makes
 * lost updates impossible: a client cannot overwrite a change it never saw by leaving {@code If-Match} out.
 */
public non-sealed class PreconditionRequiredException extends SurgeException {

    @Override
    public final Kind kind() {
        return Kind.PRECONDITION_REQUIRED;
    }

    public PreconditionRequiredException(String code, String message) {
        super(code, message);
    }
}
