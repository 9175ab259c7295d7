package dev.surge.invoicing.web;

import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.content.Builder.contentBuilder;
import static org.springdoc.core.fn.builders.header.Builder.headerBuilder;
import static org.springdoc.core.fn.builders.parameter.Builder.parameterBuilder;
import static org.springdoc.core.fn.builders.schema.Builder.schemaBuilder;

import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each route of {@link InvoicingRouter}, one method per operation. */
final class InvoicingApiDocs {

    private static final String TAG = "Invoices";
    private static final String WHO = "The order's customer (bearer token), a guest with the order's email and "
            + "access token in X-Order-Email and X-Order-Token, finance or an administrator";

    private InvoicingApiDocs() {
    }

    static void getInvoice(Builder ops) {
        guest(ops.operationId("getInvoice").tag(TAG)
                .summary("The order's invoice as a PDF (issued when the order is paid). " + WHO)
                .parameter(path("orderId", "Order id")))
                .response(pdf("The invoice, as an attachment named after its number"))
                .response(problem(401, "No bearer token and no guest headers (unauthorized)"))
                .response(problem(404, "No such order, not the caller's (order_not_found), or not invoiced yet "
                        + "(invoice_not_found)"))
                .response(problem(429, "Too many guest tries from this address (rate_limited), with Retry-After"));
    }

    static void listCreditNotes(Builder ops) {
        guest(ops.operationId("listCreditNotes").tag(TAG)
                .summary("The order's credit notes, one per refund its provider confirmed, oldest first. " + WHO)
                .parameter(path("orderId", "Order id")))
                .response(ok(CreditNoteResponse.Page.class, "The credit notes (an empty list before any refund)"))
                .response(problem(401, "No bearer token and no guest headers (unauthorized)"))
                .response(problem(404, "No such order, or not the caller's (order_not_found)"))
                .response(problem(429, "Too many guest tries from this address (rate_limited), with Retry-After"));
    }

    static void getCreditNote(Builder ops) {
        guest(ops.operationId("getCreditNote").tag(TAG)
                .summary("One credit note of the order as a PDF. " + WHO)
                .parameter(path("orderId", "Order id"))
                .parameter(path("creditNoteId", "Credit note id (from the list)")))
                .response(pdf("The credit note, as an attachment named after its number"))
                .response(problem(401, "No bearer token and no guest headers (unauthorized)"))
                .response(problem(404, "No such order, not the caller's (order_not_found), or no such credit note "
                        + "of it (credit_note_not_found)"))
                .response(problem(429, "Too many guest tries from this address (rate_limited), with Retry-After"));
    }

    private static Builder guest(Builder ops) {
        return ops
                .parameter(parameterBuilder().name(InvoicingHandler.ORDER_EMAIL).in(ParameterIn.HEADER)
                        .description("A guest's order: its email").implementation(String.class))
                .parameter(parameterBuilder().name(InvoicingHandler.ORDER_TOKEN).in(ParameterIn.HEADER)
                        .description("A guest's order: the access token its confirmation carried")
                        .implementation(String.class));
    }

    private static org.springdoc.core.fn.builders.apiresponse.Builder pdf(String description) {
        return responseBuilder().responseCode("200").description(description)
                .header(headerBuilder().name("Content-Disposition").description("attachment; filename=\"<number>.pdf\""))
                .content(contentBuilder().mediaType("application/pdf")
                        .schema(schemaBuilder().type("string").format("binary")));
    }
}
