package dev.surge.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.inventory.Reservation;
import dev.surge.inventory.SaleHold;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which flash-sale holds an order with explicit lines takes over: whole holds, within the units asked. */
class CheckoutHoldsTests {

    private static final UUID SNEAKER = UUID.randomUUID();
    private static final UUID LAMP = UUID.randomUUID();

    private static SaleHold hold(UUID variant, int units) {
        return new SaleHold(new Reservation(UUID.randomUUID(), "user:1", Reservation.Status.ACTIVE, UUID.randomUUID(),
                List.of(new Reservation.Line(variant, units)), Instant.now().plusSeconds(600), Instant.now()),
                Money.of(4900, "USD"));
    }

    private static List<Integer> units(List<SaleHold> holds) {
        return holds.stream().map(h -> h.reservation().lines().get(0).quantity()).toList();
    }

    @Test
    void takesNoMoreUnitsThanAskedAndPrefersTheHoldThatCoversThem() {
        SaleHold one = hold(SNEAKER, 1);
        SaleHold two = hold(SNEAKER, 2);
        assertThat(units(Baskets.within(List.of(one, two), Map.of(SNEAKER, 2)))).containsExactly(2);
        assertThat(units(Baskets.within(List.of(one, two), Map.of(SNEAKER, 1)))).containsExactly(1);
        assertThat(units(Baskets.within(List.of(one, two), Map.of(SNEAKER, 3)))).containsExactly(2, 1);
        assertThat(Baskets.within(List.of(two), Map.of(SNEAKER, 1))).isEmpty();
        assertThat(Baskets.within(List.of(one, hold(LAMP, 1)), Map.of(LAMP, 5)))
                .extracting(h -> h.reservation().lines().get(0).variantId()).containsExactly(LAMP);
    }
}
