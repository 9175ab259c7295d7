package dev.surge.platform.web;

import dev.surge.platform.errors.ValidationFailed;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.util.ClassUtils;
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
        describeRecords(validator);
    }

    /**
     * Hibernate Validator builds a class's constraint metadata the first time it validates one, under a lock
     * of its metadata cache: two event loops validating their first body of a class at once made one of them
     * wait on that lock (BlockHound caught it in the webhook storm test). So every record of the application
     * (request bodies and what they cascade into) is described now, on the start-up thread.
     */
    private static void describeRecords(Validator validator) {
        ClassPathScanningCandidateComponentProvider records = new ClassPathScanningCandidateComponentProvider(false);
        records.addIncludeFilter((reader, factory) -> "java.lang.Record".equals(reader.getClassMetadata().getSuperClassName()));
        ClassLoader loader = RequestBodies.class.getClassLoader();
        for (BeanDefinition record : records.findCandidateComponents("dev.surge")) {
            try {
                validator.getConstraintsForClass(ClassUtils.forName(record.getBeanClassName(), loader));
            } catch (ClassNotFoundException | LinkageError e) {
                // not loadable here (an optional integration's type): it is described on first use instead
            }
        }
    }

    private record WarmUp(@jakarta.validation.constraints.NotNull String value) {
    }

    public <T> Mono<T> read(ServerRequest request, Class<T> type) {
        return request.bodyToMono(type)
                .switchIfEmpty(Mono.error(() -> new BodyRequired()))
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
        throw new ValidationFailed("The request body is invalid", violations);
    }
    /** A route that reads a JSON body got none. */
    static final class BodyRequired extends InvalidInputException {
        BodyRequired() {
            super("body_required", "A JSON request body is required");
        }
    }
}
