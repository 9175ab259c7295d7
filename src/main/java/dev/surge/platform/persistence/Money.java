package dev.surge.platform.persistence;

import java.util.Currency;

/**
 * An amount in the currency's minor unit (cents, kobo...) with its ISO 4217 code. Never a floating
 * point number: sums and comparisons stay exact.
 */
public record Money(long amountMinor, String currency) {

    public Money {
        if (currency == null || currency.length() != 3) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code");
        }
        Currency.getInstance(currency);
    }

    public static Money of(long amountMinor, String currency) {
        return new Money(amountMinor, currency.trim());
    }

    public static boolean isCurrencyCode(String code) {
        if (code == null || code.length() != 3) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
