package dev.surge.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.identity.EmailVerificationRequested;
import dev.surge.identity.NewDeviceSignedIn;
import dev.surge.identity.PasswordResetRequested;
import dev.surge.identity.TwoFactorChanged;
import dev.surge.notifications.config.NotificationsProperties;
import dev.surge.notifications.mail.Email;
import dev.surge.notifications.mail.EmailSender;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The mail handlers keep the names, topics and event types their consumer groups and idempotency records
 * were made under, and send (or skip) what they did before.
 */
class MailersTests {

    private final List<Email> sent = new ArrayList<>();
    private final EmailSender sender = email -> Mono.fromRunnable(() -> sent.add(email));
    private final NotificationsProperties properties = TestProperties.of("Surge <no-reply@shop.example>",
            "https://shop.example", 1);
    private final EmailRenderer renderer = new EmailRenderer(properties);
    private final NotificationEmails emails = new NotificationEmails(renderer, properties);
    private final Mailers mailers = new Mailers();
    private final EventMetadata metadata = new EventMetadata(UUID.randomUUID(), "type", "key", "request");

    @Test
    void handlersKeepTheirNamesTopicsAndTypes() {
        assertHandler(mailers.emailVerificationMailer(emails, renderer, sender), "notifications.email-verification",
                "surge.identity", "EmailVerificationRequested");
        assertHandler(mailers.passwordResetMailer(emails, renderer, sender), "notifications.password-reset", "surge.identity",
                "PasswordResetRequested");
        assertHandler(mailers.newDeviceMailer(emails, renderer, sender), "notifications.new-device", "surge.identity",
                "NewDeviceSignedIn");
        assertHandler(mailers.twoFactorMailer(emails, renderer, sender), "notifications.two-factor", "surge.identity",
                "TwoFactorChanged");
    }

    @Test
    void aLinkThatHasExpiredIsNotSent() {
        Instant past = Instant.now().minus(Duration.ofMinutes(1));
        StepVerifier.create(mailers.passwordResetMailer(emails, renderer, sender).handle(
                new PasswordResetRequested(UUID.randomUUID(), "ada@example.com", "Ada", "token", past), metadata))
                .verifyComplete();
        StepVerifier.create(mailers.emailVerificationMailer(emails, renderer, sender).handle(
                new EmailVerificationRequested(UUID.randomUUID(), "ada@example.com", "Ada", "token", past), metadata))
                .verifyComplete();

        assertThat(sent).isEmpty();
    }

    @Test
    void eachEventSendsItsEmail() {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        UUID user = UUID.randomUUID();
        StepVerifier.create(mailers.emailVerificationMailer(emails, renderer, sender).handle(
                new EmailVerificationRequested(user, "ada@example.com", "Ada", "token", later), metadata)).verifyComplete();
        StepVerifier.create(mailers.passwordResetMailer(emails, renderer, sender).handle(
                new PasswordResetRequested(user, "ada@example.com", "Ada", "token", later), metadata)).verifyComplete();
        StepVerifier.create(mailers.newDeviceMailer(emails, renderer, sender).handle(
                new NewDeviceSignedIn(user, "ada@example.com", "Ada", "curl", "10.0.0.1", Instant.now()), metadata))
                .verifyComplete();
        StepVerifier.create(mailers.twoFactorMailer(emails, renderer, sender).handle(
                new TwoFactorChanged(user, "ada@example.com", "Ada", true, Instant.now()), metadata)).verifyComplete();

        assertThat(sent).extracting(Email::subject).containsExactly(NotificationEmails.VERIFY_SUBJECT,
                NotificationEmails.RESET_SUBJECT, NotificationEmails.NEW_DEVICE_SUBJECT,
                NotificationEmails.TWO_FACTOR_ON_SUBJECT);
    }

    private static void assertHandler(EventHandler<?> handler, String name, String topic, String type) {
        assertThat(handler.name()).isEqualTo(name);
        assertThat(handler.topic()).isEqualTo(topic);
        assertThat(handler.eventTypeName()).isEqualTo(type);
    }
}
