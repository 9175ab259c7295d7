package dev.surge.payments.gateway;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON of a webhook body whose signature checked out. */
public final class WebhookJson {

    private WebhookJson() {
    }

    /** The body as JSON; one that is not JSON is {@link InvalidWebhook.MalformedBody}. */
    public static JsonNode read(JsonMapper json, String provider, byte[] rawBody) {
        try {
            return json.readTree(rawBody);
        } catch (JacksonException e) {
            throw new InvalidWebhook.MalformedBody(provider, "is not JSON");
        }
    }
}
