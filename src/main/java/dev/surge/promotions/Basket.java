package dev.surge.promotions;

import java.util.List;

/**
 * What is being bought, in one currency: its lines in order (discounts come back per line, by position) and the
 * shipping it would cost without a promotion ({@code 0} when not known yet, as in a cart without an address).
 */
public record Basket(String currency, List<BasketLine> lines, long shippingMinor) {

    public Basket {
        lines = List.copyOf(lines);
    }

    public long subtotalMinor() {
        long sum = 0;
        for (BasketLine line : lines) {
            sum = Math.addExact(sum, line.amountMinor());
        }
        return sum;
    }
}
