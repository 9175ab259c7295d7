package dev.surge.orders;

/** Where orders publish their events. */
public final class OrderEvents {

    public static final String TOPIC = "surge.orders";

    private OrderEvents() {
    }
}
