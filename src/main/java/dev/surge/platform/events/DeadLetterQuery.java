package dev.surge.platform.events;

import java.util.Objects;

/**
 * Filters of the dead-letter list and of a bulk replay; each is optional.
 *
 * @param topic   the topic the message was published on, e.g. {@code surge.orders}
 * @param handler the handler that gave up, e.g. {@code notifications.order-paid}
 * @param status  pending, replayed or discarded
 */
public record DeadLetterQuery(String topic, String handler, DeadLetterStatus status) {

    /** What a cursor is bound to: a cursor made under other filters is refused. */
    String scope() {
        return "dead-letters:" + Objects.toString(topic, "") + ":" + Objects.toString(handler, "") + ":"
                + Objects.toString(status, "");
    }
}
