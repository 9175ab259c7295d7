package dev.surge.payments.web;

import static dev.surge.platform.web.ApiDocs.created;
import static dev.surge.platform.web.ApiDocs.jsonBody;
import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;
import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.content.Builder.contentBuilder;
import static org.springdoc.core.fn.builders.schema.Builder.schemaBuilder;

import dev.surge.payments.web.PaymentRequests.CompleteSandboxPaymentRequest;
import dev.surge.payments.web.PaymentRequests.CreatePaymentRequest;
import dev.surge.payments.web.PaymentRequests.RefundPaymentRequest;
import dev.surge.payments.web.PaymentResponses.PaymentResponse;
import dev.surge.payments.web.PaymentResponses.ReconciliationRunResponse;
import dev.surge.payments.web.PaymentResponses.RefundResponse;
import dev.surge.payments.web.PaymentResponses.SandboxPaymentResponse;
import dev.surge.payments.web.PaymentResponses.WebhookReceipt;
import dev.surge.platform.idempotency.Idempotency;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each payments route, named by {@link PaymentsRouter}. */
final class PaymentsApiDocs {

    private static final String PAYMENTS = "Payments";
    private static final String FINANCE = "Payments (finance)";
    private static final String PROVIDERS = "Payments (providers)";

    private PaymentsApiDocs() {
    }

    static void create(Builder ops) {
        Idempotency.describe(ops
                .operationId("createPayment").tag(PAYMENTS)
                .summary("Starts paying an order pending payment, for its total, at the provider asked for or "
                        + "the one its currency routes to; the customer signed in, or a guest with the order's "
                        + "email and token; needs an Idempotency-Key header")
                .requestBody(jsonBody(CreatePaymentRequest.class,
                        "{\"orderId\": \"0190f3c4-7a1e-7c3b-9d2a-4b5e6f708192\", "
                        + "\"email\": \"ada@example.com\", \"token\": \"guest-access-token-from-checkout\"}"))
                .response(created(PaymentResponse.class, "The payment (an open one of the order is answered "
                        + "again): clientSecret or authorizationUrl to pay with"))
                .response(problem(400, "validation_failed, unknown_payment_provider, idempotency_key_missing"))
                .response(problem(401, "Neither signed in nor a guest's email and token"))
                .response(problem(404, "No such order of the caller (order_not_found)"))
                .response(problem(409, "order_not_payable: the order is not pending payment"))
                .response(problem(422, "payment_provider_rejected, no_payment_provider, or the key reused"))
                .response(problem(429, "Over payment-ip or payment-account (rate_limited), with Retry-After"))
                .response(problem(503, "payment_provider_unavailable, with Retry-After; nothing changed")), true);
    }

    static void get(Builder ops) {
        ops.operationId("getPayment").tag(PAYMENTS)
                .summary("A payment with its refunds (its customer, or finance and admins)")
                .parameter(path("paymentId", "Payment id"))
                .response(ok(PaymentResponse.class, "The payment"))
                .response(problem(401, "Not signed in"))
                .response(problem(404, "No such payment of the caller (payment_not_found)"));
    }

    static void verify(Builder ops) {
        ops.operationId("verifyPayment")
                .tag(PAYMENTS)
                .summary("Asks the provider where the payment stands and applies a final answer like a webhook")
                .parameter(path("paymentId", "Payment id"))
                .response(ok(PaymentResponse.class, "The payment after applying the provider's answer"))
                .response(problem(401, "Not signed in"))
                .response(problem(404, "No such payment of the caller (payment_not_found)"))
                .response(problem(429, "Over payment-ip or payment-account (rate_limited), with Retry-After"))
                .response(problem(503, "payment_provider_unavailable, with Retry-After"));
    }

    static void refund(Builder ops) {
        Idempotency.describe(ops
                .operationId("refundPayment").tag(FINANCE)
                .summary("Gives back part or (without amountMinor) all that is left of a succeeded payment; "
                        + "finance and admins; needs an Idempotency-Key header")
                .parameter(path("paymentId", "Payment id"))
                .requestBody(jsonBody(RefundPaymentRequest.class, "{\"amountMinor\": 1000}").required(false))
                .response(created(RefundResponse.class, "The refund: SUCCEEDED, or PENDING until the provider "
                        + "confirms it; a refund the provider fails afterwards becomes FAILED with reversedAt, and "
                        + "its amount is owed again"))
                .response(problem(400, "validation_failed, idempotency_key_missing"))
                .response(problem(403, "Not finance or an administrator"))
                .response(problem(404, "No such payment (payment_not_found)"))
                .response(problem(409, "payment_not_refundable: not a succeeded payment"))
                .response(problem(422, "over_refund (nothing was asked of the provider), "
                        + "payment_provider_rejected"))
                .response(problem(503, "payment_provider_unavailable, with Retry-After")), true);
    }

    static void retryRefund(Builder ops) {
        Idempotency.describe(ops
                .operationId("retryRefund").tag(FINANCE)
                .summary("Tries a FAILED refund again (refused by the provider, or failed by it after it had "
                        + "succeeded): a new attempt, sent under a new provider idempotency key; finance and admins; "
                        + "needs an Idempotency-Key header")
                .parameter(path("paymentId", "Payment id"))
                .parameter(path("refundId", "Refund id"))
                .response(ok(RefundResponse.class, "The refund on its new attempt: SUCCEEDED, or PENDING until the "
                        + "provider confirms it"))
                .response(problem(400, "idempotency_key_missing"))
                .response(problem(403, "Not finance or an administrator"))
                .response(problem(404, "payment_not_found, refund_not_found"))
                .response(problem(409, "refund_not_retryable: the refund is not FAILED"))
                .response(problem(422, "over_refund (nothing was asked of the provider), payment_provider_rejected"))
                .response(problem(503, "payment_provider_unavailable, with Retry-After")), true);
    }

    static void disputes(Builder ops) {
        ops.operationId("paymentDisputes").tag(FINANCE)
                .summary("Finance's queue of payment disputes (chargebacks), oldest first: the open ones to answer "
                        + "by default; finance and admins")
                .parameter(query("status", String.class, "open (default: needs a response or under review), won, lost or all"))
                .parameter(query("limit", Integer.class, "At most this many, 1 to " + DisputesHandler.MAX_LIMIT + " (default 100)"))
                .response(ok(DisputesHandler.DisputeList.class, "The disputes"))
                .response(problem(400, "validation_failed: an unknown status or a limit out of range"))
                .response(problem(401, "No token"))
                .response(problem(403, "Not finance or an administrator"));
    }

    static void webhook(Builder ops) {
        ops.operationId("paymentWebhook").tag(PROVIDERS)
                .summary("A provider's signed webhook (stripe, paystack, sandbox): stored once, answered at once, "
                        + "applied exactly once; payments, refunds and disputes")
                .parameter(path("provider", "stripe, paystack or sandbox"))
                .response(ok(WebhookReceipt.class, "Stored (or a repeat of a stored event: nothing changed)"))
                .response(problem(400, "webhook_signature_malformed, webhook_signature_invalid, "
                        + "webhook_timestamp_too_old, webhook_malformed: nothing stored"))
                .response(problem(404, "No enabled provider of that name"))
                .response(problem(413, "Body over the size limit"));
    }

    static void sandboxPayment(Builder ops) {
        ops.operationId("getSandboxPayment").tag(PROVIDERS)
                .summary("The sandbox's pay page: an HTML page with Pay and Fail to a browser (Accept: "
                        + "text/html), the simulated payment as JSON otherwise (local run and demos only)")
                .parameter(path("reference", "The sandbox reference (providerReference)"))
                .response(ok(SandboxPaymentResponse.class, "The simulated payment"))
                .response(problem(404, "Unknown reference, or the sandbox is off"));
    }

    static void completeSandboxPayment(Builder ops) {
        ops.operationId("completeSandboxPayment").tag(PROVIDERS)
                .summary("Pays (SUCCEED) or fails (FAIL) a sandbox payment; the sandbox then sends Surge the "
                        + "signed webhook, as a real provider would (local run and demos only). The pay page "
                        + "posts it as a form (outcome=SUCCEED|FAIL) and is answered 303 to the return URL")
                .parameter(path("reference", "The sandbox reference (providerReference)"))
                .requestBody(jsonBody(CompleteSandboxPaymentRequest.class, "{\"outcome\": \"SUCCEED\"}"))
                .response(ok(SandboxPaymentResponse.class, "The simulated payment, completed"))
                .response(problem(400, "Unknown outcome (validation_failed)"))
                .response(problem(404, "Unknown reference, or the sandbox is off"))
                .response(problem(409, "Already completed the other way (sandbox_payment_completed)"));
    }

    static void reconciliationReport(Builder ops) {
        ops.operationId("paymentReconciliationReport").tag(FINANCE)
                .summary("Mismatches between the providers and Surge found by a reconciliation run (the latest "
                        + "by default), as CSV; finance and admins")
                .parameter(query("run", String.class, "A run id; default: the latest finished run"))
                .response(responseBuilder().responseCode("200").description("CSV, one mismatch per line")
                        .content(contentBuilder().mediaType("text/csv")
                                .schema(schemaBuilder().implementation(String.class))))
                .response(problem(403, "Not finance or an administrator"));
    }

    static void reconcileNow(Builder ops) {
        ops.operationId("runPaymentReconciliation").tag(FINANCE)
                .summary("Runs reconciliation now over [from, to] (default: the last day); finance and admins")
                .parameter(query("from", String.class, "ISO-8601 instant; default: to minus one day"))
                .parameter(query("to", String.class, "ISO-8601 instant; default: now"))
                .response(ok(ReconciliationRunResponse.class, "The run's summary"))
                .response(problem(400, "Bad from/to (validation_failed)"))
                .response(problem(403, "Not finance or an administrator"));
    }
}
