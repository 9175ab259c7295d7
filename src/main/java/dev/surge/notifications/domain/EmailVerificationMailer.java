package dev.surge.notifications.domain;

import dev.surge.identity.EmailVerificationRequested;
import dev.surge.identity.IdentityEvents;
import dev.surge.notifications.mail.EmailSender;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends the link that proves an account owns its email address; a request whose link has already expired
 * (after a long outage, or a dead letter replayed late) sends nothing.
 */
@Component
class EmailVerificationMailer implements EventHandler<EmailVerificationRequested> {

    private static final Logger log = LoggerFactory.getLogger(EmailVerificationMailer.class);

    private final NotificationEmails emails;
    private final EmailSender sender;

    EmailVerificationMailer(NotificationEmails emails, EmailSender sender) {
        this.emails = emails;
        this.sender = sender;
    }

    @Override
    public String name() {
        return "notifications.email-verification";
    }

    @Override
    public String topic() {
        return IdentityEvents.TOPIC;
    }

    @Override
    public Class<EmailVerificationRequested> eventType() {
        return EmailVerificationRequested.class;
    }

    @Override
    public Mono<Void> handle(EmailVerificationRequested event, EventMetadata metadata) {
        if (event.expiresAt() != null && !event.expiresAt().isAfter(Instant.now())) {
            log.info("Not sending email-verification email of event {}: its link expired at {}", metadata.eventId(),
                    event.expiresAt());
            return Mono.empty();
        }
        return Mono.fromCallable(() -> emails.emailVerification(event)).flatMap(sender::send);
    }
}
