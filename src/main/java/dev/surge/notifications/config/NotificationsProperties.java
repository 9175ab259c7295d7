package dev.surge.notifications.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Notification settings. The SMTP server itself is Spring Boot's {@code spring.mail.*}; when
 * {@code spring.mail.host} is empty, emails are written to the log instead of being sent.
 *
 * @param from          sender address, optionally with a name: {@code Surge <no-reply@example.com>}
 * @param linkBaseUrl   storefront origin the links in emails point to (verification, password reset, orders)
 * @param senderThreads threads that render and talk SMTP (JavaMail blocks): the bounded scheduler every send runs on
 * @param store         what every email shows of the store: its name, logo and support address
 * @param templateDir   a directory whose files replace the built-in templates of the same name (read at each
 *                      render, so a change needs no rebuild or restart); empty: built-in templates only
 * @param delivery      how recorded emails are sent and retried
 * @param lowStock      how merchants hear of low stock
 * @param trackingUrls  carrier name (lower case) to its tracking page, {@code {number}} standing for the
 *                      tracking number; a carrier not listed gets {@code defaultTrackingUrl}
 * @param defaultTrackingUrl tracking page of carriers not in {@code trackingUrls}; may use {@code {carrier}} too
 * @param maxEventAge   events older than this send nothing (a new consumer group starts at the topic's oldest
 *                      event: no one wants last month's "your order shipped")
 */
@Validated
@ConfigurationProperties("surge.notifications")
public record NotificationsProperties(
        @NotBlank @DefaultValue("Surge <no-reply@localhost>") String from,
        @NotNull @DefaultValue("http://localhost:3000") URI linkBaseUrl,
        @Min(1) @Max(64) @DefaultValue("4") int senderThreads,
        @Valid @NotNull @DefaultValue Store store,
        @DefaultValue("") String templateDir,
        @Valid @NotNull @DefaultValue Delivery delivery,
        @Valid @NotNull @DefaultValue LowStock lowStock,
        Map<String, String> trackingUrls,
        @NotBlank @DefaultValue("https://www.google.com/search?q={carrier}+{number}") String defaultTrackingUrl,
        @NotNull @DefaultValue("3d") Duration maxEventAge) {

    public NotificationsProperties {
        trackingUrls = trackingUrls == null ? Map.of() : Map.copyOf(trackingUrls);
    }

    /** The link base without a trailing slash, so paths can be appended as {@code /verify-email?...}. */
    public String linkBase() {
        String base = linkBaseUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * @param name         shown in every email's header and footer
     * @param logoUrl      absolute URL of the logo image; empty: no logo
     * @param supportEmail where buyers write with questions
     */
    public record Store(@NotBlank @DefaultValue("Surge") String name, @DefaultValue("") String logoUrl,
            @NotBlank @DefaultValue("support@localhost") String supportEmail) {
    }

    /**
     * @param interval       how often each instance looks for emails due (rows are claimed, so instances share)
     * @param batch          emails claimed per look
     * @param maxAttempts    sends tried before an email is FAILED
     * @param initialBackoff wait after the first failure, doubled after each until {@code maxBackoff}
     * @param claim          how long a claimed email is kept from other instances while it is being sent
     */
    public record Delivery(@NotNull @DefaultValue("2s") Duration interval, @Min(1) @Max(500) @DefaultValue("20") int batch,
            @Min(1) @Max(100) @DefaultValue("8") int maxAttempts, @NotNull @DefaultValue("30s") Duration initialBackoff,
            @NotNull @DefaultValue("1h") Duration maxBackoff, @NotNull @DefaultValue("2m") Duration claim) {
    }

    /** @param digestInterval each merchant gets at most one low-stock digest per interval, listing every variant */
    public record LowStock(@NotNull @DefaultValue("1h") Duration digestInterval) {
    }
}
