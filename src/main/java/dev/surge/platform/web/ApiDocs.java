package dev.surge.platform.web;

import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.content.Builder.contentBuilder;
import static org.springdoc.core.fn.builders.parameter.Builder.parameterBuilder;
import static org.springdoc.core.fn.builders.schema.Builder.schemaBuilder;

import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springdoc.core.fn.builders.apiresponse.Builder;

/** Shorthands for describing functional routes to springdoc, so routers stay readable. */
public final class ApiDocs {

    private ApiDocs() {
    }

    public static org.springdoc.core.fn.builders.parameter.Builder query(String name, Class<?> type,
            String description) {
        return parameterBuilder().name(name).in(ParameterIn.QUERY).description(description).implementation(type);
    }

    public static org.springdoc.core.fn.builders.parameter.Builder path(String name, String description) {
        return parameterBuilder().name(name).in(ParameterIn.PATH).required(true).description(description)
                .implementation(String.class);
    }

    public static Builder ok(Class<?> body, String description) {
        return responseBuilder().responseCode("200").description(description)
                .content(contentBuilder().mediaType("application/json").schema(schemaBuilder().implementation(body)));
    }

    public static org.springdoc.core.fn.builders.requestbody.Builder jsonBody(Class<?> type) {
        return org.springdoc.core.fn.builders.requestbody.Builder.requestBodyBuilder().required(true)
                .content(contentBuilder().mediaType("application/json").schema(schemaBuilder().implementation(type)));
    }

    /** A required JSON body with an example (JSON text), shown by Swagger UI as the body to send. */
    public static org.springdoc.core.fn.builders.requestbody.Builder jsonBody(Class<?> type, String example) {
        return org.springdoc.core.fn.builders.requestbody.Builder.requestBodyBuilder().required(true)
                .content(contentBuilder().mediaType("application/json").schema(schemaBuilder().implementation(type))
                        .example(org.springdoc.core.fn.builders.exampleobject.Builder.exampleOjectBuilder()
                                .name("example").value(example)));
    }

    public static Builder status(int status, String description) {
        return responseBuilder().responseCode(Integer.toString(status)).description(description);
    }

    public static Builder created(Class<?> body, String description) {
        return responseBuilder().responseCode("201").description(description)
                .content(contentBuilder().mediaType("application/json").schema(schemaBuilder().implementation(body)));
    }

    public static Builder notModified() {
        return responseBuilder().responseCode("304").description("Unchanged since the ETag in If-None-Match");
    }

    public static Builder problem(int status, String description) {
        return responseBuilder().responseCode(Integer.toString(status)).description(description)
                .content(contentBuilder().mediaType("application/problem+json")
                        .schema(schemaBuilder().implementation(ProblemBody.class)));
    }
}
