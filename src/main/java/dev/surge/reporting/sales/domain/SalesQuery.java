package dev.surge.reporting.sales.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What a report covers: the days {@code from} to {@code to} (both included, UTC), grouped by {@code interval},
 * one merchant's share or (null) the whole store, one currency or (null) each.
 */
public record SalesQuery(LocalDate from, LocalDate to, Interval interval, UUID merchantId, String currency) {

    public enum Interval {
        DAY, WEEK, MONTH;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The merchant to read: the one asked for, or the whole store. */
    public UUID merchantOrStore() {
        return merchantId == null ? SalesFacts.STORE : merchantId;
    }

    public SalesQuery forMerchant(UUID merchant) {
        return new SalesQuery(from, to, interval, merchant, currency);
    }
}
