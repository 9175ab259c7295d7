package dev.surge.platform.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Tells the API description who may call each operation, from the same access table that decides it
 * ({@link SecurityConfig#ACCESS}): a bearer JWT scheme, required by every operation that needs a caller
 * (with the roles it needs in the operation's description and in {@code x-roles}), optional where guests
 * and customers both may call ({@code [{}, {bearer: []}]}), and none ({@code []}) on the public ones. So
 * Swagger UI's Authorize button sends the token where it is wanted, and the description cannot drift from
 * the rules.
 */
@Component
class ApiSecurityDescription implements OpenApiCustomizer {

    static final String SCHEME = "bearer";

    /** Public routes that also take a caller's token when one is sent (guest or customer). */
    private static final List<PathPattern> OPTIONAL_CALLER = java.util.Arrays.stream(SecurityConfig.OPTIONAL_CALLER)
            .map(PathPatternParser.defaultInstance::parse).toList();

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("An access token from POST /api/v1/auth/login (RS256, 15 minutes by default)"));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((template, item) -> describe(template, item));
    }

    private static void describe(String template, PathItem item) {
        PathContainer path = PathContainer.parsePath(template);
        for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
            Operation operation = entry.getValue();
            AccessRules.Rule rule = SecurityConfig.ACCESS.ruleFor(HttpMethod.valueOf(entry.getKey().name()), path);
            SecurityRequirement bearer = new SecurityRequirement().addList(SCHEME);
            if (rule.permitted()) {
                boolean optional = OPTIONAL_CALLER.stream().anyMatch(pattern -> pattern.matches(path));
                operation.setSecurity(optional ? List.of(new SecurityRequirement(), bearer) : List.of());
                continue;
            }
            operation.setSecurity(List.of(bearer));
            List<String> roles = rule.roles();
            if (!roles.isEmpty()) {
                operation.addExtension("x-roles", roles);
                String needs = "Roles: " + String.join(", ", roles) + ".";
                operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
            }
        }
    }
}
