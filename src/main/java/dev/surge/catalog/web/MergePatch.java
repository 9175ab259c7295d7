package dev.surge.catalog.web;

import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7396): members of the patch replace those of the target, {@code null} removes
 * one, nested objects merge, anything else (arrays included) replaces whole. Applied to the resource's
 * current form, so a PATCH is a full update computed from what is stored now.
 */
final class MergePatch {

    private final JsonMapper json;

    MergePatch(JsonMapper json) {
        this.json = json;
    }

    /** {@code current} with {@code patch} applied, read back as {@code type}; fields not in {@code allowed} are refused. */
    <T> T apply(T current, JsonNode patch, Class<T> type, Set<String> allowed) {
        if (patch == null || !patch.isObject()) {
            throw new InvalidInputException("malformed_json", "A merge patch is a JSON object");
        }
        List<FieldViolation> unknown = patch.propertyNames().stream().filter(name -> !allowed.contains(name))
                .map(name -> new FieldViolation(name, "not_allowed", "is not a field that can be changed here"))
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("validation_failed", "The request body is invalid", unknown);
        }
        JsonNode merged = merge(json.valueToTree(current), patch);
        try {
            return json.treeToValue(merged, type);
        } catch (JacksonException e) {
            throw new InvalidInputException("malformed_json", "The patch gives a field a value of the wrong type");
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
