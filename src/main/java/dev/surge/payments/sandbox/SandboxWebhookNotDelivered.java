package dev.surge.payments.sandbox;

import dev.surge.platform.errors.ServiceUnavailableException;
import java.time.Duration;

/**
 * The sandbox recorded the outcome but its webhook endpoint did not take the delivery (not running, not a
 * 2xx). Completing the payment again delivers the same event again; answered 503.
 */
public class SandboxWebhookNotDelivered extends ServiceUnavailableException {

    public SandboxWebhookNotDelivered(String url, Throwable cause) {
        super("sandbox_webhook_not_delivered", "The sandbox webhook to " + url + " was not accepted: " + cause.getMessage()
                + "; complete the payment again to resend it", Duration.ofSeconds(1), cause);
    }
}
