package dev.surge.notifications.domain;

import dev.surge.identity.EmailVerificationRequested;
import dev.surge.identity.IdentityEvents;
import dev.surge.identity.NewDeviceSignedIn;
import dev.surge.identity.PasswordResetRequested;
import dev.surge.identity.PersonalDataExportReady;
import dev.surge.identity.TwoFactorChanged;
import dev.surge.notifications.mail.Email;
import dev.surge.notifications.mail.EmailSender;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import dev.surge.platform.events.EventMetadata;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The account emails identity events become, one handler per event type. Each is an {@link EventHandler} on the platform's
 * consumers, so it is applied once per event id, retried, and dead-lettered when it keeps failing; its name
 * is its consumer group and idempotency key, so it never changes.
 */
@Configuration(proxyBeanMethods = false)
class Mailers {

    private static final Logger log = LoggerFactory.getLogger(Mailers.class);

    /**
     * Sends the link that proves an account owns its email address; a request whose link has already expired
     * (after a long outage, or a dead letter replayed late) sends nothing.
     */
    @Bean
    EventHandler<EmailVerificationRequested> emailVerificationMailer(NotificationEmails emails, EmailRenderer renderer,
            EmailSender sender) {
        return EventHandlers.of("notifications.email-verification", IdentityEvents.TOPIC, EmailVerificationRequested.class,
                (event, metadata) -> expired("email-verification", event.expiresAt(), metadata) ? Mono.empty()
                        : send(renderer, sender, () -> emails.emailVerification(event)));
    }

    /** Sends the password reset link; a request whose link has already expired sends nothing. */
    @Bean
    EventHandler<PasswordResetRequested> passwordResetMailer(NotificationEmails emails, EmailRenderer renderer,
            EmailSender sender) {
        return EventHandlers.of("notifications.password-reset", IdentityEvents.TOPIC, PasswordResetRequested.class,
                (event, metadata) -> expired("password-reset", event.expiresAt(), metadata) ? Mono.empty()
                        : send(renderer, sender, () -> emails.passwordReset(event)));
    }

    /** Tells the account holder about a sign-in from a device the account had not used, so a stranger's sign-in does not go unnoticed. */
    @Bean
    EventHandler<NewDeviceSignedIn> newDeviceMailer(NotificationEmails emails, EmailRenderer renderer,
            EmailSender sender) {
        return EventHandlers.of("notifications.new-device", IdentityEvents.TOPIC, NewDeviceSignedIn.class,
                (event, metadata) -> send(renderer, sender, () -> emails.newDevice(event)));
    }

    /** Confirms that two-factor authentication was switched on or off; switching it off is what an attacker would do first. */
    @Bean
    EventHandler<TwoFactorChanged> twoFactorMailer(NotificationEmails emails, EmailRenderer renderer,
            EmailSender sender) {
        return EventHandlers.of("notifications.two-factor", IdentityEvents.TOPIC, TwoFactorChanged.class,
                (event, metadata) -> send(renderer, sender, () -> emails.twoFactorChanged(event)));
    }

    /**
     * Sends the one-time link of a personal-data export (asked for by the account holder or an admin); an export
     * whose link has already expired sends nothing.
     */
    @Bean
    EventHandler<PersonalDataExportReady> personalDataExportMailer(NotificationEmails emails, EmailRenderer renderer,
            EmailSender sender) {
        return EventHandlers.of("notifications.personal-data-export", IdentityEvents.TOPIC,
                PersonalDataExportReady.class,
                (event, metadata) -> expired("personal-data-export", event.expiresAt(), metadata) ? Mono.empty()
                        : send(renderer, sender, () -> emails.personalDataExport(event)));
    }

    /**
     * Renders the email on the render scheduler when subscribed (a template failure is the handler's failure) and
     * sends it. These emails carry secret links, so they are sent here, retried by the consumer base, and never
     * stored; lifecycle emails go through the {@code notifications} table instead ({@link OrderMailers}).
     */
    private static Mono<Void> send(EmailRenderer renderer, EmailSender sender, Callable<Email> email) {
        return renderer.render(email).flatMap(sender::send);
    }

    private static boolean expired(String kind, Instant expiresAt, EventMetadata metadata) {
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            log.info("Not sending {} email of event {}: its link expired at {}", kind, metadata.eventId(), expiresAt);
            return true;
        }
        return false;
    }
}
