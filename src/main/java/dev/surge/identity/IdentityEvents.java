package dev.surge.identity;

/** Where identity events travel. */
public final class IdentityEvents {

    /** Kafka topic of every identity event; keyed by user id. */
    public static final String TOPIC = "surge.identity";

    private IdentityEvents() {
    }
}
