package dev.surge.inventory;

/** Where inventory publishes its events. */
public final class InventoryEvents {

    public static final String TOPIC = "surge.inventory";

    private InventoryEvents() {
    }
}
