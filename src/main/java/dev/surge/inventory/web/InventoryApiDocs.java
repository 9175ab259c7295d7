package dev.surge.inventory.web;

import static dev.surge.platform.web.ApiDocs.created;
import static dev.surge.platform.web.ApiDocs.jsonBody;
import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;

import dev.surge.inventory.domain.FlashSale;
import dev.surge.inventory.domain.StockLevel;
import dev.surge.inventory.web.InventoryRequests.AdjustStockRequest;
import dev.surge.inventory.web.InventoryRequests.ClaimRequest;
import dev.surge.inventory.web.InventoryRequests.CreateFlashSaleRequest;
import dev.surge.inventory.web.InventoryRequests.SetStockRequest;
import dev.surge.inventory.web.InventoryResponses.FlashSaleListResponse;
import dev.surge.inventory.web.InventoryResponses.ReservationListResponse;
import dev.surge.inventory.web.InventoryResponses.ReservationResponse;
import dev.surge.inventory.web.InventoryResponses.StockLevelListResponse;
import dev.surge.platform.idempotency.Idempotency;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of the inventory routes ({@link InventoryRouter}), one method per operation. */
final class InventoryApiDocs {

    private static final String SALES = "Flash sales";
    private static final String STOCK = "Inventory (admin)";

    private InventoryApiDocs() {
    }

    static void getFlashSale(Builder ops) {
        ops.operationId("getFlashSale").tag(SALES)
                .summary("A flash sale: its price, window, state and remaining units (never cached)")
                .parameter(path("saleId", "Flash sale id"))
                .response(ok(FlashSale.class, "The sale"))
                .response(problem(404, "No such sale (flash_sale_not_found)"));
    }

    static void claimFlashSaleUnits(Builder ops) {
        Idempotency.describe(ops.operationId("claimFlashSaleUnits").tag(SALES)
                .summary("A purchase attempt: holds units at the sale price until the reservation expires; "
                        + "retried with the same Idempotency-Key, it answers the first attempt's result again")
                .parameter(path("saleId", "Flash sale id"))
                .requestBody(jsonBody(ClaimRequest.class, "{\"quantity\": 1}"))
                .response(created(ReservationResponse.class, "Units held; complete checkout before expiresAt"))
                .response(problem(400, "Invalid body (validation_failed, malformed_json)"))
                .response(problem(401, "Not signed in"))
                .response(problem(404, "No such sale (flash_sale_not_found)"))
                .response(problem(409, "sold_out, or sale_not_active before the start or after the end"))
                .response(problem(422, "The Idempotency-Key was used for another request"))
                .response(problem(429, "Over the per-customer limit (purchase_limit_exceeded)")), false);
    }

    static void listMyReservations(Builder ops) {
        ops.operationId("listMyReservations").tag(SALES)
                .summary("The caller's flash-sale holds that no order has taken over yet, at their sale prices")
                .response(ok(ReservationListResponse.class, "The holds"))
                .response(problem(401, "Not signed in"));
    }

    static void getReservation(Builder ops) {
        ops.operationId("getReservation").tag(SALES)
                .summary("One of the caller's reservations")
                .parameter(path("reservationId", "Reservation id"))
                .response(ok(ReservationResponse.class, "The reservation"))
                .response(problem(401, "Not signed in"))
                .response(problem(404, "No such reservation of the caller (reservation_not_found)"));
    }

    static void releaseReservation(Builder ops) {
        ops.operationId("releaseReservation").tag(SALES)
                .summary("Gives the caller's reservation back; releasing an inactive one changes nothing")
                .parameter(path("reservationId", "Reservation id"))
                .response(ok(ReservationResponse.class, "The reservation after the release"))
                .response(problem(401, "Not signed in"))
                .response(problem(404, "No such reservation of the caller (reservation_not_found)"));
    }

    static void createFlashSale(Builder ops) {
        ops.operationId("createFlashSale").tag(SALES)
                .summary("Defines a campaign; its units leave normal stock until the sale ends")
                .requestBody(jsonBody(CreateFlashSaleRequest.class))
                .response(created(FlashSale.class, "The campaign"))
                .response(problem(400, "Invalid definition (validation_failed)"))
                .response(problem(403, "Not an admin"))
                .response(problem(404, "Unknown variant (variant_not_found)"))
                .response(problem(409, "Not enough available stock (insufficient_stock)"));
    }

    static void listFlashSales(Builder ops) {
        ops.operationId("listFlashSales").tag(SALES)
                .summary("Campaigns, latest start first")
                .parameter(query("limit", Integer.class, "1-200, default 50"))
                .response(ok(FlashSaleListResponse.class, "Campaigns"))
                .response(problem(400, "Invalid limit"))
                .response(problem(403, "Not an admin"));
    }

    static void stockReport(Builder ops) {
        ops.operationId("stockReport").tag(STOCK)
                .summary("Stock levels, lowest availability first")
                .parameter(query("lowStock", Boolean.class, "true: only variants under their threshold"))
                .parameter(query("limit", Integer.class, "1-1000, default 100"))
                .response(ok(StockLevelListResponse.class, "Stock levels"))
                .response(problem(400, "Invalid parameters"))
                .response(problem(403, "Not an admin"));
    }

    static void getStockLevel(Builder ops) {
        ops.operationId("getStockLevel").tag(STOCK)
                .summary("A variant's stock in PostgreSQL and its Redis gate")
                .parameter(path("variantId", "Variant id"))
                .response(ok(StockLevel.class, "The stock level"))
                .response(problem(403, "Not an admin"))
                .response(problem(404, "Unknown variant (variant_not_found)"));
    }

    static void setStock(Builder ops) {
        stockChange(ops.operationId("setStock").tag(STOCK)
                .summary("Sets on-hand units after a count (audited)")
                .parameter(path("variantId", "Variant id"))
                .requestBody(jsonBody(SetStockRequest.class)));
    }

    static void adjustStock(Builder ops) {
        stockChange(ops.operationId("adjustStock").tag(STOCK)
                .summary("Adds or removes on-hand units (delivery, damage, return; audited)")
                .parameter(path("variantId", "Variant id"))
                .requestBody(jsonBody(AdjustStockRequest.class)));
    }

    /** The answers of the audited stock changes. */
    private static void stockChange(Builder ops) {
        ops.response(ok(StockLevel.class, "The new stock level"))
                .response(problem(400, "Invalid body"))
                .response(problem(403, "Not an admin"))
                .response(problem(404, "Unknown variant (variant_not_found)"))
                .response(problem(409, "Below the units already reserved (insufficient_stock)"));
    }
}
