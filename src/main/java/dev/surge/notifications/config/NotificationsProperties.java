package dev.surge.notifications.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Notification settings. The SMTP server itself is Spring Boot's {@code spring.mail.*}; when
 * {@code spring.mail.host} is empty, emails are written to the log instead of being sent.
 *
 * @param from          sender address, optionally with a name: {@code Surge <no-reply@example.com>}
 * @param linkBaseUrl   storefront origin the links in emails point to (verification, password reset)
 * @param senderThreads threads that talk SMTP; JavaMail blocks, so sends run on this many dedicated threads
 *                      (each event handler sends one email at a time, so more than one per handler buys nothing)
 */
@Validated
@ConfigurationProperties("surge.notifications")
public record NotificationsProperties(
        @NotBlank @DefaultValue("Surge <no-reply@localhost>") String from,
        @NotNull @DefaultValue("http://localhost:3000") URI linkBaseUrl,
        @Min(1) @Max(64) @DefaultValue("4") int senderThreads) {

    /** The link base without a trailing slash, so paths can be appended as {@code /verify-email?...}. */
    public String linkBase() {
        String base = linkBaseUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
