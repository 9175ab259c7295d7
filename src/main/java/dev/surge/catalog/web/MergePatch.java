package dev.surge.catalog.web;

import dev.surge.catalog.domain.CatalogErrors;
import dev.surge.platform.errors.FieldViolation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7396): members of the patch replace those of the target, {@code null} removes
 * one, nested objects merge, anything else (arrays included) replaces whole. Applied to the resource's
 * current form, so a PATCH is a full update computed from what is stored now.
 */
@Component
final class MergePatch {

    private final JsonMapper json;

    MergePatch(JsonMapper json) {
        this.json = json;
    }

    /** The request's patch document; a PATCH without a body is refused. */
    Mono<JsonNode> read(ServerRequest request) {
        return request.bodyToMono(JsonNode.class)
                .switchIfEmpty(Mono.error(CatalogErrors.PatchBodyRequired::new));
    }

    /** {@code current} with {@code patch} applied, read back as {@code type}; fields not in {@code allowed} are refused. */
    <T> T apply(T current, JsonNode patch, Class<T> type, Set<String> allowed) {
        if (patch == null || !patch.isObject()) {
            throw new CatalogErrors.MalformedPatch("A merge patch is a JSON object");
        }
        List<FieldViolation> unknown = patch.propertyNames().stream().filter(name -> !allowed.contains(name))
                .map(name -> new FieldViolation(name, "not_allowed", "is not a field that can be changed here"))
                .toList();
        if (!unknown.isEmpty()) {
            throw new CatalogErrors.InvalidBody(unknown);
        }
        JsonNode merged = merge(json.valueToTree(current), patch);
        try {
            return json.treeToValue(merged, type);
        } catch (JacksonException e) {
            throw new CatalogErrors.MalformedPatch("The patch gives a field a value of the wrong type");
        }
    }

    private JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : json.createObjectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}
