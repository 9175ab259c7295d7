package dev.surge.notifications.domain;

import dev.surge.identity.IdentityEvents;
import dev.surge.identity.PasswordResetRequested;
import dev.surge.notifications.mail.EmailSender;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Sends the password reset link; a request whose link has already expired sends nothing. */
@Component
class PasswordResetMailer implements EventHandler<PasswordResetRequested> {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetMailer.class);

    private final NotificationEmails emails;
    private final EmailSender sender;

    PasswordResetMailer(NotificationEmails emails, EmailSender sender) {
        this.emails = emails;
        this.sender = sender;
    }

    @Override
    public String name() {
        return "notifications.password-reset";
    }

    @Override
    public String topic() {
        return IdentityEvents.TOPIC;
    }

    @Override
    public Class<PasswordResetRequested> eventType() {
        return PasswordResetRequested.class;
    }

    @Override
    public Mono<Void> handle(PasswordResetRequested event, EventMetadata metadata) {
        if (event.expiresAt() != null && !event.expiresAt().isAfter(Instant.now())) {
            log.info("Not sending password-reset email of event {}: its link expired at {}", metadata.eventId(),
                    event.expiresAt());
            return Mono.empty();
        }
        return Mono.fromCallable(() -> emails.passwordReset(event)).flatMap(sender::send);
    }
}
