package dev.surge.reporting.sales.web;

import dev.surge.platform.persistence.Money;
import dev.surge.platform.web.QueryParams;
import dev.surge.reporting.sales.domain.SalesQuery;
import dev.surge.reporting.sales.domain.SalesQuery.Interval;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The range parameters every interval report shares ({@code from}, {@code to}, {@code interval}, {@code merchant},
 * {@code currency}), checked in one place: bad ones are recorded on the {@link QueryParams} and answered together as
 * {@code validation_failed}.
 */
public final class ReportParams {

    /** The longest range a report covers: two years of days. */
    public static final int MAX_DAYS = 732;
    static final int DEFAULT_DAYS = 30;

    private ReportParams() {
    }

    /** The query the parameters ask for; validates them (throws {@code validation_failed} for any bad one). */
    public static SalesQuery query(QueryParams params) {
        LocalDate to = date(params, "to", LocalDate.now(ZoneOffset.UTC));
        LocalDate from = date(params, "from", to == null ? null : to.minusDays(DEFAULT_DAYS - 1));
        Interval interval = params.choice("interval", Interval.class, Interval.DAY);
        UUID merchant = params.uuid("merchant");
        String currency = params.text("currency").orElse(null);
        if (currency != null && !Money.isCurrencyCode(currency)) {
            params.reject("currency", "invalid", "An ISO 4217 code in capitals, e.g. EUR");
        }
        if (from != null && to != null && from.isAfter(to)) {
            params.reject("from", "after_to", "must not be after 'to'");
        } else if (from != null && to != null && ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            params.reject("to", "range_too_large", "a report covers at most " + MAX_DAYS + " days");
        }
        params.validate();
        return new SalesQuery(from, to, interval, merchant, currency);
    }

    private static LocalDate date(QueryParams params, String name, LocalDate fallback) {
        String text = params.text(name).orElse(null);
        if (text == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            params.reject(name, "invalid", "A date as YYYY-MM-DD, e.g. 2026-11-22");
            return null;
        }
    }
}
