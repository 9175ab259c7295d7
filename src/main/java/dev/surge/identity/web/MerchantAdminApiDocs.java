package dev.surge.identity.web;

import static dev.surge.platform.web.ApiDocs.jsonBody;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;
import static dev.surge.platform.web.ApiDocs.status;

import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of the merchant back office (see {@link IdentityRouter#merchantAdminRoutes}). */
final class MerchantAdminApiDocs {

    private static final String TAG = "Admin";

    private MerchantAdminApiDocs() {
    }

    static void list(Builder ops) {
        ops.operationId("listMerchants").tag(TAG)
                .summary("Merchants, newest first, cursor-paged")
                .parameter(query("status", String.class, "ACTIVE or SUSPENDED"))
                .parameter(query("q", String.class, "Part of the name or slug"))
                .parameter(query("limit", Integer.class, "1-200, default 50"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page (same filters)"))
                .response(status(200, "{items: [{id, slug, name, contactEmail, status, createdAt}], nextCursor}"))
                .response(problem(400, "Invalid filter or cursor"));
    }

    static void get(Builder ops) {
        ops.operationId("getMerchant").tag(TAG)
                .summary("One merchant")
                .parameter(path("merchantId", "Merchant id"))
                .response(status(200, "{id, slug, name, contactEmail, status, createdAt}"))
                .response(problem(404, "Unknown merchant (merchant_not_found)"));
    }

    static void update(Builder ops) {
        ops.operationId("updateMerchant").tag(TAG)
                .summary("Change a merchant's name, contact email (empty: none) or status; audited; a status change "
                        + "takes its products off the storefront or back")
                .parameter(path("merchantId", "Merchant id"))
                .requestBody(jsonBody(AdminRequests.UpdateMerchantRequest.class))
                .response(status(200, "The merchant"))
                .response(problem(400, "Invalid body"))
                .response(problem(404, "Unknown merchant (merchant_not_found)"));
    }

    static void suspend(Builder ops) {
        ops.operationId("suspendMerchant").tag(TAG)
                .summary("Suspend a merchant: its products leave listings, pages and search, its sellers cannot "
                        + "manage them; its orders are untouched. Audited; suspending twice changes nothing")
                .parameter(path("merchantId", "Merchant id"))
                .response(status(200, "The merchant, SUSPENDED"))
                .response(problem(404, "Unknown merchant (merchant_not_found)"));
    }

    static void reinstate(Builder ops) {
        ops.operationId("reinstateMerchant").tag(TAG)
                .summary("Reinstate a suspended merchant: its active products are back on the storefront. Audited")
                .parameter(path("merchantId", "Merchant id"))
                .response(status(200, "The merchant, ACTIVE"))
                .response(problem(404, "Unknown merchant (merchant_not_found)"));
    }
}
