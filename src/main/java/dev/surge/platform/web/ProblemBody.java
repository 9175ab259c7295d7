package dev.surge.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.surge.platform.errors.FieldViolation;
import java.util.List;

/** The {@code application/problem+json} body every error has (RFC 9457 plus Surge's members). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemBody(String type, String title, int status, String detail, String instance, String code,
        String requestId, String timestamp, List<FieldViolation> errors) {
}
