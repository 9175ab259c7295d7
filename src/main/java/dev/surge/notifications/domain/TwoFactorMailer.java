package dev.surge.notifications.domain;

import dev.surge.identity.IdentityEvents;
import dev.surge.identity.TwoFactorChanged;
import dev.surge.notifications.mail.EmailSender;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Confirms that two-factor authentication was switched on or off; switching it off is what an attacker would do first. */
@Component
class TwoFactorMailer implements EventHandler<TwoFactorChanged> {

    private final NotificationEmails emails;
    private final EmailSender sender;

    TwoFactorMailer(NotificationEmails emails, EmailSender sender) {
        this.emails = emails;
        this.sender = sender;
    }

    @Override
    public String name() {
        return "notifications.two-factor";
    }

    @Override
    public String topic() {
        return IdentityEvents.TOPIC;
    }

    @Override
    public Class<TwoFactorChanged> eventType() {
        return TwoFactorChanged.class;
    }

    @Override
    public Mono<Void> handle(TwoFactorChanged event, EventMetadata metadata) {
        return Mono.fromCallable(() -> emails.twoFactorChanged(event)).flatMap(sender::send);
    }
}
