package dev.surge.reporting.sales.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.orders.OrderDetails;
import dev.surge.orders.OrderStatus;
import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An order's facts: its merchants' shares add up to the order, whatever the rounding. */
class SalesFactsTests {

    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();

    @Test
    void merchantsSharesAddUpToTheOrderAndTheFirstLinesMerchantTakesWhatNoLineOwns() {
        // A: 1 x 10.00 less 1.00; B: 2 x 3.33; tax 7.25 % per line, one extra cent of rounding on the order;
        // shipping 5.99 less a 1.00 free-shipping part; 10.01 refunded.
        OrderDetails.Line a = line(A, 1, 1000, 100, 65);
        OrderDetails.Line b = line(B, 2, 333, 0, 48);
        long subtotal = 900 + 666;
        long tax = 65 + 48 + 1;
        OrderDetails order = order(List.of(a, b), subtotal, tax, 599, 1001, 200);
        SalesFacts facts = SalesFacts.of(order, Map.of());

        assertThat(facts.orders()).hasSize(3);
        SalesFacts.Amounts store = amounts(facts, SalesFacts.STORE);
        assertThat(store).isEqualTo(new SalesFacts.Amounts(3, 1666, 200, tax, 599, 1001, subtotal + tax + 599));
        SalesFacts.Amounts first = amounts(facts, A);
        SalesFacts.Amounts second = amounts(facts, B);
        assertThat(second).isEqualTo(new SalesFacts.Amounts(2, 666, 0, 48, 0, 1001 * 666 / 1566, 666 + 48));
        assertThat(first.shipping()).isEqualTo(599);
        assertThat(first.discount()).isEqualTo(200);
        assertThat(first.units() + second.units()).isEqualTo(store.units());
        assertThat(first.tax() + second.tax()).isEqualTo(store.tax());
        assertThat(first.refunded() + second.refunded()).isEqualTo(store.refunded());
        assertThat(first.total() + second.total()).isEqualTo(store.total());
        assertThat(facts.orders()).allSatisfy(f -> assertThat(f.day()).isEqualTo(LocalDate.of(2026, 3, 1)));
        assertThat(facts.products()).hasSize(2);
    }

    @Test
    void anOrderNotPaidHasNoFacts() {
        OrderDetails paid = order(List.of(line(A, 1, 1000, 0, 0)), 1000, 0, 0, 0, 0);
        OrderDetails unpaid = new OrderDetails(paid.id(), "N", null, "g@example.com", OrderStatus.PENDING_PAYMENT,
                paid.subtotal(), paid.tax(), paid.shipping(), paid.total(), false, BigDecimal.ZERO, null,
                usd(0), usd(0), null, null, Instant.now(), Instant.now(), paid.lines(), null, null, usd(0));
        assertThat(SalesFacts.of(unpaid, Map.of()).orders()).isEmpty();
    }

    private static SalesFacts.Amounts amounts(SalesFacts facts, UUID merchant) {
        return facts.orders().stream().filter(f -> f.merchantId().equals(merchant)).findFirst().orElseThrow().amounts();
    }

    private static OrderDetails.Line line(UUID merchant, int quantity, long unit, long discount, long tax) {
        return new OrderDetails.Line(UUID.randomUUID(), merchant, "SKU", "Title", "Variant", quantity, usd(unit),
                usd(unit * quantity - discount), usd(tax), "Shop", usd(discount));
    }

    private static OrderDetails order(List<OrderDetails.Line> lines, long subtotal, long tax, long shipping,
            long refunded, long discount) {
        long total = subtotal + tax + shipping;
        return new OrderDetails(UUID.randomUUID(), "N", UUID.randomUUID(), "c@example.com", OrderStatus.DELIVERED,
                usd(subtotal), usd(tax), usd(shipping), usd(total), false, new BigDecimal("0.0725"), null, usd(total),
                usd(refunded), null, null, Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:30:00Z"),
                lines, null, Instant.parse("2026-03-01T10:02:00Z"), usd(discount));
    }

    private static Money usd(long minor) {
        return new Money(minor, "USD");
    }
}
