package dev.surge.notifications.domain;

import dev.surge.identity.EmailVerificationRequested;
import dev.surge.identity.NewDeviceSignedIn;
import dev.surge.identity.PasswordResetRequested;
import dev.surge.identity.PersonalDataExportReady;
import dev.surge.identity.TwoFactorChanged;
import dev.surge.notifications.config.NotificationsProperties;
import dev.surge.notifications.mail.Email;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Which email each identity event becomes: template, subject, values and link. Subjects are fixed text, never user
 * input. Tokens are percent-encoded into the link (every character outside the URI's
 * unreserved set), so no token can change the link's meaning.
 */
@Component
class NotificationEmails {

    static final String VERIFY_SUBJECT = "Confirm your email address";
    static final String RESET_SUBJECT = "Reset your password";
    static final String NEW_DEVICE_SUBJECT = "New sign-in to your account";
    static final String TWO_FACTOR_ON_SUBJECT = "Two-factor authentication is on";
    static final String TWO_FACTOR_OFF_SUBJECT = "Two-factor authentication is off";
    static final String EXPORT_SUBJECT = "Your personal data export is ready";

    private final EmailRenderer renderer;
    private final String linkBase;

    NotificationEmails(EmailRenderer renderer, NotificationsProperties properties) {
        this.renderer = renderer;
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

    Email personalDataExport(PersonalDataExportReady event) {
        String link = link("/account/export", event.token());
        return email(event.email(), EXPORT_SUBJECT, link, "personal-data-export", Map.of(
                "name", greetingName(event.displayName()), "link", link, "expiresAt", when(event.expiresAt())));
    }

    private Email email(String to, String subject, String link, String template, Map<String, String> values) {
        return renderer.email(to, subject, template, values, link);
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
        return Formats.when(instant);
    }
}
