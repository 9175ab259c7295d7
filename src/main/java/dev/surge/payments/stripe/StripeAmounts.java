package dev.surge.payments.stripe;

import dev.surge.payments.PaymentProviderRejected;
import dev.surge.platform.persistence.Money;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Between Surge's minor units (ISO 4217: {@link Currency#getDefaultFractionDigits()}, as the catalog
 * prices) and the unit Stripe counts a currency in. They agree for almost every currency, including the
 * zero-decimal ones (JPY, KRW, XOF... count whole units on both sides). Stripe's currency guide differs
 * from ISO for a few, and those are handled here:
 * <ul>
 *   <li><b>ISK</b>: ISO has no minor unit; Stripe keeps ISK two-decimal for backwards compatibility and
 *       since April 2023 only accepts multiples of 100 ({@code 500} = 5 ISK). We multiply by 100, so every
 *       amount we send is whole krónur.</li>
 *   <li><b>MGA</b>: ISO says two decimals; Stripe counts whole ariary. An amount with a fraction of an
 *       ariary is refused before any call ({@link PaymentProviderRejected}, status 0).</li>
 *   <li><b>BHD, JOD, KWD, OMR, TND</b>: three decimals on both sides, but Stripe requires the last digit
 *       to be 0; other amounts are refused before any call rather than silently rounded.</li>
 *   <li><b>HUF, TWD</b>: two decimals on both sides for charges and refunds (Stripe treats them as
 *       zero-decimal only for payouts, which Surge does not make); UGX: zero-decimal on both sides.</li>
 * </ul>
 * Amounts read back from Stripe are converted the other way; an ISK amount that is not whole krónur (only
 * charges made before 2023 can be) is rounded down.
 */
final class StripeAmounts {

    /** Stripe's zero-decimal currencies (its currency guide): amounts count whole units. */
    static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG",
            "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    /** Stripe's three-decimal currencies, whose amounts must end in 0. */
    static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private StripeAmounts() {
    }

    /** The amount to send to Stripe for {@code money}. */
    static long toStripe(Money money) {
        String currency = money.currency();
        int shift = stripeDigits(currency) - isoDigits(currency);
        long amount;
        if (shift >= 0) {
            amount = Math.multiplyExact(money.amountMinor(), pow10(shift));
        } else {
            long divisor = pow10(-shift);
            if (money.amountMinor() % divisor != 0) {
                throw notRepresentable(money, "Stripe takes whole units of " + currency);
            }
            amount = money.amountMinor() / divisor;
        }
        if (THREE_DECIMAL.contains(currency) && amount % 10 != 0) {
            throw notRepresentable(money, "Stripe takes " + currency + " amounts whose last digit is 0");
        }
        return amount;
    }

    /** {@code amount} as Stripe reports it in {@code currency} (any case), in our minor units. */
    static Money fromStripe(long amount, String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        int shift = stripeDigits(code) - isoDigits(code);
        long minor = shift >= 0 ? Math.floorDiv(amount, pow10(shift)) : Math.multiplyExact(amount, pow10(-shift));
        return Money.of(minor, code);
    }

    /** The currency code as Stripe wants it in requests: lower case. */
    static String stripeCurrency(Money money) {
        return money.currency().toLowerCase(Locale.ROOT);
    }

    static int stripeDigits(String currency) {
        if (ZERO_DECIMAL.contains(currency)) {
            return 0;
        }
        return THREE_DECIMAL.contains(currency) ? 3 : 2;
    }

    private static int isoDigits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    private static PaymentProviderRejected notRepresentable(Money money, String why) {
        return new PaymentProviderRejected(StripeGateway.PROVIDER, 0, "amount_not_supported",
                money.amountMinor() + " " + money.currency() + " cannot be charged: " + why);
    }
}
