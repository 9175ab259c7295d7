package dev.surge.platform.web;

import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Reads a JSON body into a record and checks its Bean Validation constraints. Malformed JSON and wrong
 * types surface from the codec as {@code malformed_json}; a missing body is {@code body_required};
 * constraint failures are {@code validation_failed} with one entry per field.
 */
@Component
public class RequestBodies {

    private final Validator validator;

    RequestBodies(Validator validator) {
        this.validator = validator;
        // Message interpolation loads resource bundles from jars on first use: do that now, on the
        // start-up thread, rather than on the event loop of the first invalid request.
        validator.validate(new WarmUp(null));
    }

    private record WarmUp(@jakarta.validation.constraints.NotNull String value) {
    }

    public <T> Mono<T> read(ServerRequest request, Class<T> type) {
        return request.bodyToMono(type)
                .switchIfEmpty(Mono.error(() -> new InvalidInputException("body_required",
                        "A JSON request body is required")))
                .map(this::validated);
    }

    /** For bodies that may be absent: checks the constraints of one that is present. */
    public <T> T validated(T body) {
        Set<ConstraintViolation<T>> found = validator.validate(body);
        if (found.isEmpty()) {
            return body;
        }
        List<FieldViolation> violations = found.stream()
                .map(v -> new FieldViolation(v.getPropertyPath().toString(),
                        v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()
                                .toLowerCase(java.util.Locale.ROOT),
                        v.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
        throw new InvalidInputException("validation_failed", "The request body is invalid", violations);
    }
}
