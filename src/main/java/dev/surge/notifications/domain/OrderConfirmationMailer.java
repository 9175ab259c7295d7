package dev.surge.notifications.domain;

import dev.surge.notifications.mail.EmailSender;
import dev.surge.orders.OrderEvents;
import dev.surge.orders.OrderPaid;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Confirms a paid order to the buyer: its number and what was charged. */
@Component
class OrderConfirmationMailer implements EventHandler<OrderPaid> {

    private final NotificationEmails emails;
    private final EmailSender sender;

    OrderConfirmationMailer(NotificationEmails emails, EmailSender sender) {
        this.emails = emails;
        this.sender = sender;
    }

    @Override
    public String name() {
        return "notifications.order-paid";
    }

    @Override
    public String topic() {
        return OrderEvents.TOPIC;
    }

    @Override
    public Class<OrderPaid> eventType() {
        return OrderPaid.class;
    }

    @Override
    public Mono<Void> handle(OrderPaid event, EventMetadata metadata) {
        if (event.email() == null) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> emails.orderPaid(event)).flatMap(sender::send);
    }
}
