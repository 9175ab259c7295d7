package dev.surge.notifications.domain;

import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/** How emails write amounts and times: plain, unambiguous, the same in every template. */
final class Formats {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** 12345 USD → "123.45 USD", 1100 JPY → "1100 JPY": the currency's own minor-unit digits. */
    static String amount(Money money) {
        int digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
        return BigDecimal.valueOf(money.amountMinor(), digits).toPlainString() + " " + money.currency();
    }

    /** "1 March 2026, 09:30 UTC"; "just now" for an unknown time. */
    static String when(Instant instant) {
        return instant == null ? "just now" : WHEN.format(instant);
    }
}
