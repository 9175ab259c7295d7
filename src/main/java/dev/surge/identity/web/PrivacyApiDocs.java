package dev.surge.identity.web;

import static dev.surge.platform.web.ApiDocs.jsonBody;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.status;

import dev.surge.identity.web.PrivacyRequests.DownloadExportRequest;
import dev.surge.identity.web.PrivacyRequests.EraseAccountRequest;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of the personal-data routes of {@link PrivacyRouter}. */
final class PrivacyApiDocs {

    private static final String TAG = "Auth";
    private static final String ADMIN_TAG = "Admin";

    private PrivacyApiDocs() {
    }

    static void requestExport(Builder ops) {
        ops.operationId("requestPersonalDataExport").tag(TAG)
                .summary("Start an export of everything held about the account; its one-time link is emailed")
                .response(status(202, "{exportId, status: PENDING}: the export under way (a new one, or the one "
                        + "already being built)"))
                .response(problem(401, "No valid token"))
                .response(problem(429, "Too many requests (rate_limited)"));
    }

    static void downloadExport(Builder ops) {
        ops.operationId("downloadPersonalDataExport").tag(TAG)
                .summary("Download the export the emailed token opens, once; the signed-in account must own it")
                .requestBody(jsonBody(DownloadExportRequest.class))
                .response(status(200, "The export document (JSON, attachment)"))
                .response(problem(400, "Invalid body"))
                .response(problem(404, "Unknown, used, expired or someone else's token (export_not_found)"));
    }

    static void eraseOwn(Builder ops) {
        ops.operationId("eraseAccount").tag(TAG)
                .summary("Erase the signed-in customer account: password, and a 2FA code when 2FA is on")
                .requestBody(jsonBody(EraseAccountRequest.class))
                .response(status(204, "Erased: every session ended, personal data erased or anonymised"))
                .response(problem(400, "Invalid body, or the 2FA code missing (validation_failed)"))
                .response(problem(401, "Wrong password (invalid_credentials) or code (invalid_code)"))
                .response(problem(409, "Not a customer account (account_not_erasable)"));
    }

    static void exportFor(Builder ops) {
        ops.operationId("requestCustomerExport").tag(ADMIN_TAG)
                .summary("Start an export of a customer's data; the link is emailed to the customer")
                .parameter(path("userId", "Account id"))
                .response(status(202, "{exportId, status: PENDING}"))
                .response(problem(404, "Unknown or erased account (user_not_found)"));
    }

    static void eraseFor(Builder ops) {
        ops.operationId("eraseCustomer").tag(ADMIN_TAG)
                .summary("Erase a customer's account (an erased one: nothing happens)")
                .parameter(path("userId", "Account id"))
                .response(status(204, "Erased, or already erased"))
                .response(problem(404, "Unknown account (user_not_found)"))
                .response(problem(409, "Not a customer account (account_not_erasable)"));
    }
}
