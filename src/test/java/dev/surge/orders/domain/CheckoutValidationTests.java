package dev.surge.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.ValidationFailed;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules a checkout, a guest lookup and a shipment must meet, without I/O. */
class CheckoutValidationTests {

    private static final Address HOME = new Address(" Ada Lovelace ", "12 Analytical Way", null, "London", null,
            "N1", "gb", null);

    private static List<String> fields(Throwable error) {
        return ((InvalidInputException) error).violations().stream().map(FieldViolation::field).toList();
    }

    @Test
    void aGuestNeedsAnEmailAndEveryCheckoutAShippingAddress() {
        assertThatThrownBy(() -> CheckoutValidation.validated(new Buyer.Guest(null),
                new CheckoutCommand(null, null, null, null), 50))
                .isInstanceOf(ValidationFailed.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("validation_failed"))
                .satisfies(e -> assertThat(fields(e)).containsExactly("email", "shippingAddress"));
    }

    @Test
    void linesAreCheckedUpToTheLimitAndSortedByVariant() {
        CheckoutCommand.Line bad = new CheckoutCommand.Line(null, 0);
        assertThatThrownBy(() -> CheckoutValidation.validated(new Buyer.Customer(UUID.randomUUID()),
                new CheckoutCommand(null, HOME, null, Arrays.asList(bad, bad, bad)), 2))
                .satisfies(e -> assertThat(fields(e)).containsExactly("lines", "lines[0].variantId",
                        "lines[0].quantity", "lines[1].variantId", "lines[1].quantity"));

        UUID low = new UUID(0, 1);
        UUID high = new UUID(0, 2);
        CheckoutCommand valid = CheckoutValidation.validated(new Buyer.Customer(UUID.randomUUID()),
                new CheckoutCommand("ada@example.com", HOME, null,
                        List.of(new CheckoutCommand.Line(high, 1), new CheckoutCommand.Line(low, 2))), 50);
        assertThat(valid.email()).isEqualTo("ada@example.com");
        assertThat(valid.shippingAddress().name()).isEqualTo("Ada Lovelace");
        assertThat(valid.shippingAddress().country()).isEqualTo("GB");
        assertThat(valid.lines()).extracting(CheckoutCommand.Line::variantId).containsExactly(low, high);
    }

    @Test
    void aGuestLookupNeedsNumberEmailAndTokenAndIsTidied() {
        assertThatThrownBy(() -> new GuestLookup(" ", null, "x".repeat(101)).validated())
                .satisfies(e -> assertThat(fields(e)).containsExactly("number", "email", "token"));
        assertThat(new GuestLookup(" srg-abc ", " a@b.co ", " t ").validated())
                .isEqualTo(new GuestLookup("SRG-ABC", "a@b.co", "t"));
    }

    @Test
    void aShipmentNeedsCarrierAndTrackingNumber() {
        assertThatThrownBy(() -> new Shipment(null, "x".repeat(101)).validated())
                .hasMessage("Shipping needs a carrier and a tracking number")
                .satisfies(e -> assertThat(fields(e)).containsExactly("carrier", "trackingNumber"));
        assertThat(new Shipment(" DHL ", " 123 ").validated()).isEqualTo(new Shipment("DHL", "123"));
    }

    @Test
    void staffFiltersNarrowOneCriterionAtATime() {
        UUID customer = UUID.randomUUID();
        OrderReads.Filter filter = OrderReads.Filter.forStaff(List.of()).withCustomer(customer).withEmail("a@b.co")
                .withNumber("SRG-1").placedBetween(null, null).withRefundDue(true);
        assertThat(filter).isEqualTo(new OrderReads.Filter(customer, List.of(), "a@b.co", "SRG-1", null, null, true));
        assertThat(OrderReads.Filter.forCustomer(customer, List.of()))
                .isEqualTo(new OrderReads.Filter(customer, List.of(), null, null, null, null, false));
    }
}
