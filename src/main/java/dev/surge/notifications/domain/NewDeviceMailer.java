package dev.surge.notifications.domain;

import dev.surge.identity.IdentityEvents;
import dev.surge.identity.NewDeviceSignedIn;
import dev.surge.notifications.mail.EmailSender;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Tells the account holder about a sign-in from a device the account had not used, so a stranger's sign-in does not go unnoticed. */
@Component
class NewDeviceMailer implements EventHandler<NewDeviceSignedIn> {

    private final NotificationEmails emails;
    private final EmailSender sender;

    NewDeviceMailer(NotificationEmails emails, EmailSender sender) {
        this.emails = emails;
        this.sender = sender;
    }

    @Override
    public String name() {
        return "notifications.new-device";
    }

    @Override
    public String topic() {
        return IdentityEvents.TOPIC;
    }

    @Override
    public Class<NewDeviceSignedIn> eventType() {
        return NewDeviceSignedIn.class;
    }

    @Override
    public Mono<Void> handle(NewDeviceSignedIn event, EventMetadata metadata) {
        return Mono.fromCallable(() -> emails.newDevice(event)).flatMap(sender::send);
    }
}
