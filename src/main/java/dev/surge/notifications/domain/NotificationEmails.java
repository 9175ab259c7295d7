package dev.surge.notifications.domain;

import dev.surge.identity.EmailVerificationRequested;
import dev.surge.identity.NewDeviceSignedIn;
import dev.surge.identity.PasswordResetRequested;
import dev.surge.identity.TwoFactorChanged;
import dev.surge.notifications.config.NotificationsProperties;
import dev.surge.notifications.mail.Email;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Which email each event becomes: template, subject, values and link. Subjects are fixed text (order numbers are ours),
 * never user input. Tokens are percent-encoded into the link (every character outside the URI's
 * unreserved set), so no token can change the link's meaning.
 */
@Component
class NotificationEmails {

    static final String VERIFY_SUBJECT = "Confirm your email address";
    static final String RESET_SUBJECT = "Reset your password";
    static final String NEW_DEVICE_SUBJECT = "New sign-in to your account";
    static final String TWO_FACTOR_ON_SUBJECT = "Two-factor authentication is on";
    static final String TWO_FACTOR_OFF_SUBJECT = "Two-factor authentication is off";
    static final String ORDER_PAID_SUBJECT = "Your order is confirmed";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final EmailTemplates templates;
    private final String linkBase;

    NotificationEmails(NotificationsProperties properties) {
        this.templates = new EmailTemplates("notifications/templates", "email-verification", "password-reset",
                "new-device", "two-factor-enabled", "two-factor-disabled", "order-paid");
        this.linkBase = properties.linkBase();
    }

    Email emailVerification(EmailVerificationRequested event) {
        String link = link("/verify-email", event.token());
        return email(event.email(), VERIFY_SUBJECT, link, "email-verification", Map.of(
                "name", greetingName(event.displayName()), "link", link, "expiresAt", when(event.expiresAt())));
    }

    Email passwordReset(PasswordResetRequested event) {
        String link = link("/reset-password", event.token());
        return email(event.email(), RESET_SUBJECT, link, "password-reset", Map.of(
                "name", greetingName(event.displayName()), "link", link, "expiresAt", when(event.expiresAt())));
    }

    Email newDevice(NewDeviceSignedIn event) {
        return email(event.email(), NEW_DEVICE_SUBJECT, null, "new-device", Map.of(
                "name", greetingName(event.displayName()), "device", orUnknown(event.device()),
                "ipAddress", orUnknown(event.ipAddress()), "signedInAt", when(event.signedInAt())));
    }

    Email twoFactorChanged(TwoFactorChanged event) {
        return email(event.email(), event.enabled() ? TWO_FACTOR_ON_SUBJECT : TWO_FACTOR_OFF_SUBJECT, null,
                event.enabled() ? "two-factor-enabled" : "two-factor-disabled", Map.of(
                        "name", greetingName(event.displayName()), "changedAt", when(event.changedAt())));
    }

    Email orderPaid(dev.surge.orders.OrderPaid event) {
        return email(event.email(), ORDER_PAID_SUBJECT + " (" + event.number() + ")", null, "order-paid", Map.of(
                "number", event.number(), "amount", amount(event.amount())));
    }

    /** 12345 USD → "123.45 USD", 1100 JPY → "1100 JPY": the currency's own minor-unit digits. */
    static String amount(dev.surge.platform.persistence.Money money) {
        int digits = Math.max(0, java.util.Currency.getInstance(money.currency()).getDefaultFractionDigits());
        return java.math.BigDecimal.valueOf(money.amountMinor(), digits).toPlainString() + " " + money.currency();
    }

    private Email email(String to, String subject, String link, String template, Map<String, String> values) {
        EmailTemplates.Rendered body = templates.render(template, values);
        return new Email(to, subject, body.text(), body.html(), link);
    }

    private String link(String path, String token) {
        return linkBase + path + "?token=" + UriUtils.encode(token, StandardCharsets.UTF_8);
    }

    private static String greetingName(String displayName) {
        return displayName == null || displayName.isBlank() ? "there" : displayName.strip();
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }

    private static String when(Instant instant) {
        return instant == null ? "just now" : WHEN.format(instant);
    }
}
