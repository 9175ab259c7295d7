package dev.surge.identity;

import dev.surge.platform.events.DomainEvent;
import java.util.UUID;

/** Where identity events travel. */
public final class IdentityEvents {

    /** Kafka topic of every identity event; keyed by user id. */
    public static final String TOPIC = "surge.identity";

    private IdentityEvents() {
    }

    /** An event about one account: published on {@link #TOPIC}, keyed (and so ordered) by the account. */
    interface AccountEvent extends DomainEvent {

        UUID userId();

        @Override
        default String topic() {
            return TOPIC;
        }

        @Override
        default String key() {
            return userId().toString();
        }
    }
}
