package dev.surge.inventory.data;

import java.util.UUID;

/**
 * Why a stock row (or a flash sale's pool) changed, as the ledger ({@code stock_movements}) records it with
 * the change. The deltas come from the statement that makes the change; this names the reason and what it
 * was for: the reservation, the order or other reference, the flash sale, the staff member and their words.
 */
public record Movement(String reason, String reference, UUID reservationId, UUID flashSaleId, UUID actor, String note) {

    /** The units a variant had when inventory first saw it (from the catalog's listing). */
    public static final String OPENING_BALANCE = "opening_balance";
    public static final String ADJUSTMENT = "adjustment";
    public static final String STOCK_COUNT = "stock_count";
    public static final String RESERVED = "reserved";
    public static final String RELEASED = "released";
    public static final String EXPIRED = "expired";
    public static final String SALE = "sale";
    public static final String RETURN = "return";
    public static final String FLASH_SALE_POOL = "flash_sale_pool";
    public static final String FLASH_SALE_CLOSED = "flash_sale_closed";
    public static final String FLASH_CLAIM = "flash_claim";

    /** A change made by a reservation (reserved, released, expired, sold), or by nobody in particular (opening balance). */
    public static Movement of(String reason, String owner, UUID reservation, UUID flashSale) {
        return new Movement(reason, owner, reservation, flashSale, null, null);
    }

    /** A change made by staff, with their reason in their own words. */
    public static Movement byStaff(String reason, UUID actor, String note) {
        return new Movement(reason, null, null, null, actor, note);
    }

    /** A change of a flash sale's pool in normal stock (created, closed). */
    public static Movement ofSale(String reason, UUID flashSale, UUID actor) {
        return new Movement(reason, null, null, flashSale, actor, null);
    }
}
