package dev.surge.inventory.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** Request bodies of the inventory endpoints. */
final class InventoryRequests {

    private InventoryRequests() {
    }

    record CreateFlashSaleRequest(@NotBlank @Size(max = 120) String name, @NotNull UUID variantId,
            @NotNull @Min(0) @Max(100_000_000_000L) Long priceMinor, @NotNull @Min(1) @Max(1_000_000) Integer quantity,
            @NotNull @Min(1) @Max(1000) Integer perCustomerLimit, @NotNull Instant startsAt, @NotNull Instant endsAt,
            @Min(1) @Max(86_400) Integer holdSeconds) {
    }

    record ClaimRequest(@NotNull @Min(1) @Max(100) Integer quantity) {
    }

    record SetStockRequest(@NotNull @Min(0) @Max(100_000_000) Integer onHand,
            @Min(0) @Max(100_000_000) Integer lowStockThreshold, @NotBlank @Size(max = 200) String reason) {
    }

    record AdjustStockRequest(@NotNull @Min(-100_000_000) @Max(100_000_000) Integer delta,
            @NotBlank @Size(max = 200) String reason) {
    }
}
