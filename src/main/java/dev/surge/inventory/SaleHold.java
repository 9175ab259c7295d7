package dev.surge.inventory;

import dev.surge.platform.persistence.Money;

/** An active flash-sale reservation and the sale price its units are sold at. */
public record SaleHold(Reservation reservation, Money unitPrice) {
}
