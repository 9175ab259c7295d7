package dev.surge.orders.web;

import static dev.surge.platform.web.ApiDocs.created;
import static dev.surge.platform.web.ApiDocs.jsonBody;
import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;
import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.content.Builder.contentBuilder;
import static org.springdoc.core.fn.builders.schema.Builder.schemaBuilder;

import dev.surge.orders.web.OrderRequests.CancelRequest;
import dev.surge.orders.web.OrderRequests.CheckoutRequest;
import dev.surge.orders.web.OrderRequests.LookupRequest;
import dev.surge.orders.web.OrderRequests.ShipRequest;
import dev.surge.orders.web.OrderRequests.StatusRequest;
import dev.surge.orders.web.OrderResponses.MerchantLinePage;
import dev.surge.orders.web.OrderResponses.OrderPage;
import dev.surge.orders.web.OrderResponses.OrderResponse;
import dev.surge.platform.idempotency.Idempotency;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each route of {@link OrdersRouter}, one method per operation. */
final class OrdersApiDocs {

    private static final String ORDERS = "Orders";
    private static final String SELLERS = "Orders (sellers)";
    private static final String STAFF = "Orders (fulfilment and admin)";

    private OrdersApiDocs() {
    }

    static void checkout(Builder ops) {
        Idempotency.describe(ops
                .operationId("checkout").tag(ORDERS)
                .summary("Checkout: orders the caller's cart (or the given lines), priced on the server, "
                        + "stock reserved all-or-nothing; needs an Idempotency-Key header")
                .requestBody(jsonBody(CheckoutRequest.class,
                        "{\"email\": \"ada@example.com\", \"shippingAddress\": {\"name\": \"Ada Lovelace\", "
                        + "\"line1\": \"12 Analytical Way\", \"city\": \"Springfield\", "
                        + "\"postalCode\": \"12345\", \"country\": \"US\", \"region\": \"CA\"}}"))
                .response(created(OrderResponse.class, "The order, pending payment until expiresAt"))
                .response(problem(400, "Invalid body or address (validation_failed, malformed_json), "
                        + "idempotency_key_missing"))
                .response(problem(409, "out_of_stock, not_purchasable, sale_hold_in_use, or the same key "
                        + "still in flight"))
                .response(problem(422, "nothing_to_order, mixed_currencies, shipping_unavailable, "
                        + "unknown_variant, or the same key with another body"))
                .response(problem(429, "Over checkout-ip or checkout-account (rate_limited), with Retry-After")), true);
    }

    static void listMyOrders(Builder ops) {
        ops.operationId("listMyOrders").tag(ORDERS)
                .summary("The caller's orders, newest first")
                .parameter(query("status", String.class, "Comma-separated statuses"))
                .parameter(query("limit", Integer.class, "1-100, default 20"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page"))
                .response(ok(OrderPage.class, "A page of orders"))
                .response(problem(401, "Not signed in"));
    }

    static void lookupGuestOrder(Builder ops) {
        ops.operationId("lookupGuestOrder").tag(ORDERS)
                .summary("A guest reads an order with its number, email and the token from the confirmation")
                .requestBody(jsonBody(LookupRequest.class,
                        "{\"number\": \"SRG-7K3M9Q\", \"email\": \"ada@example.com\", "
                        + "\"token\": \"guest-access-token-from-checkout\"}"))
                .response(ok(OrderResponse.class, "The order"))
                .response(problem(400, "Missing fields (validation_failed)"))
                .response(problem(404, "No order with that number, email and token (order_not_found)"))
                .response(problem(429, "Too many lookups from this address, or of this order number "
                        + "(rate_limited), with Retry-After"));
    }

    static void getMyOrder(Builder ops) {
        ops.operationId("getMyOrder").tag(ORDERS)
                .summary("One of the caller's orders with lines and history")
                .parameter(path("orderId", "Order id"))
                .response(ok(OrderResponse.class, "The order"))
                .response(problem(401, "Not signed in"))
                .response(problem(404, "Not an order of the caller (order_not_found)"));
    }

    static void cancelMyOrder(Builder ops) {
        ops.operationId("cancelMyOrder").tag(ORDERS)
                .summary("Cancels the caller's order before fulfilment; a paid order is then due a refund")
                .parameter(path("orderId", "Order id"))
                .requestBody(jsonBody(CancelRequest.class).required(false))
                .response(ok(OrderResponse.class, "The cancelled order"))
                .response(problem(401, "Not signed in"))
                .response(problem(404, "Not an order of the caller (order_not_found)"))
                .response(problem(409, "Too late to cancel (illegal_transition), or order_changed"));
    }

    static void listMerchantOrderLines(Builder ops) {
        ops
                .operationId("listMerchantOrderLines").tag(SELLERS)
                .summary("The merchant's lines of every order, newest orders first")
                .parameter(path("merchantId", "Merchant id"))
                .parameter(query("status", String.class, "Comma-separated order statuses"))
                .parameter(query("limit", Integer.class, "1-200, default 50"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page"))
                .response(ok(MerchantLinePage.class, "A page of order lines"))
                .response(problem(403, "Not a seller or administrator"))
                .response(problem(404, "Not the caller's merchant (merchant_not_found)"));
    }

    static void listOrdersToFulfil(Builder ops) {
        staffList(ops.operationId("listOrdersToFulfil"));
    }

    static void getOrderToFulfil(Builder ops) {
        ops.operationId("getOrderToFulfil")
                .tag(STAFF).summary("Any order with lines, addresses and history")
                .parameter(path("orderId", "Order id"))
                .response(ok(OrderResponse.class, "The order"))
                .response(problem(403, "Not fulfilment staff"))
                .response(problem(404, "No such order (order_not_found)"));
    }

    static void startFulfilment(Builder ops) {
        ops
                .operationId("startFulfilment").tag(STAFF).summary("paid → fulfilling")
                .parameter(path("orderId", "Order id"))
                .response(ok(OrderResponse.class, "The order"))
                .response(problem(404, "No such order (order_not_found)"))
                .response(problem(409, "Not paid (illegal_transition), or order_changed"));
    }

    static void shipOrder(Builder ops) {
        ops
                .operationId("shipOrder").tag(STAFF).summary("fulfilling → shipped, with carrier and tracking number")
                .parameter(path("orderId", "Order id"))
                .requestBody(jsonBody(ShipRequest.class,
                        "{\"carrier\": \"UPS\", \"trackingNumber\": \"1Z999AA10123456784\"}"))
                .response(ok(OrderResponse.class, "The order"))
                .response(problem(400, "Carrier or tracking number missing (validation_failed)"))
                .response(problem(404, "No such order (order_not_found)"))
                .response(problem(409, "Not in fulfilment (illegal_transition), or order_changed"));
    }

    static void deliverOrder(Builder ops) {
        ops
                .operationId("deliverOrder").tag(STAFF).summary("shipped → delivered")
                .parameter(path("orderId", "Order id"))
                .response(ok(OrderResponse.class, "The order"))
                .response(problem(404, "No such order (order_not_found)"))
                .response(problem(409, "Not shipped (illegal_transition), or order_changed"));
    }

    static void listAllOrders(Builder ops) {
        staffList(ops.operationId("listAllOrders"));
    }

    static void exportOrdersCsv(Builder ops) {
        staffFilters(ops.operationId("exportOrdersCsv").tag(STAFF)
                .summary("Orders as CSV (text/csv), one row per order line, newest order first, with the filters "
                        + "of the order list; streamed, formula-safe, audited as orders.exported"))
                .response(responseBuilder().responseCode("200").description("CSV with a header row")
                        .content(contentBuilder().mediaType("text/csv").schema(schemaBuilder().implementation(String.class))))
                .response(problem(400, "Invalid filter (validation_failed)"))
                .response(problem(403, "Not an administrator"));
    }

    static void exportMerchantOrderLinesCsv(Builder ops) {
        ops.operationId("exportMerchantOrderLinesCsv").tag(SELLERS)
                .summary("The merchant's order lines as CSV (text/csv), newest order first: its own lines only, no "
                        + "buyer's personal data; streamed, formula-safe, audited as orders.seller_exported")
                .parameter(path("merchantId", "Merchant id"))
                .parameter(query("status", String.class, "Comma-separated order statuses"))
                .parameter(query("from", String.class, "Orders placed at or after this instant (ISO-8601)"))
                .parameter(query("to", String.class, "Orders placed before this instant (ISO-8601)"))
                .response(responseBuilder().responseCode("200").description("CSV with a header row")
                        .content(contentBuilder().mediaType("text/csv").schema(schemaBuilder().implementation(String.class))))
                .response(problem(400, "Invalid filter (validation_failed)"))
                .response(problem(403, "Not a seller or administrator"))
                .response(problem(404, "Not the caller's merchant (merchant_not_found)"));
    }

    static void getAnyOrder(Builder ops) {
        ops.operationId("getAnyOrder").tag(STAFF)
                .summary("Any order with lines, addresses and history")
                .parameter(path("orderId", "Order id"))
                .response(ok(OrderResponse.class, "The order"))
                .response(problem(403, "Not an administrator"))
                .response(problem(404, "No such order (order_not_found)"));
    }

    static void setOrderStatus(Builder ops) {
        ops
                .operationId("setOrderStatus").tag(STAFF)
                .summary("Moves an order within the state machine (PAID records a payment made outside the "
                        + "gateways; refunds go through payments)")
                .parameter(path("orderId", "Order id"))
                .requestBody(jsonBody(StatusRequest.class))
                .response(ok(OrderResponse.class, "The order"))
                .response(problem(400, "Unknown status, or SHIPPED without carrier (validation_failed)"))
                .response(problem(403, "Not an administrator"))
                .response(problem(404, "No such order (order_not_found)"))
                .response(problem(409, "Not allowed from the current status (illegal_transition), or order_changed"));
    }

    private static void staffList(Builder ops) {
        staffFilters(ops.tag(STAFF).summary("All orders, newest first, filtered"))
                .parameter(query("limit", Integer.class, "1-200, default 50"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page"))
                .response(ok(OrderPage.class, "A page of orders"))
                .response(problem(400, "Invalid filter (validation_failed)"))
                .response(problem(403, "Not staff"));
    }

    private static Builder staffFilters(Builder ops) {
        return ops
                .parameter(query("status", String.class, "Comma-separated statuses"))
                .parameter(query("customerId", String.class, "Orders of one customer"))
                .parameter(query("email", String.class, "Orders with this contact email"))
                .parameter(query("number", String.class, "The order with this number"))
                .parameter(query("from", String.class, "Placed at or after (ISO-8601 instant)"))
                .parameter(query("to", String.class, "Placed before (ISO-8601 instant)"))
                .parameter(query("refundDue", Boolean.class, "Only orders with money due back"));
    }
}
