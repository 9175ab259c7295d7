package dev.surge.invoicing.domain;

import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.errors.UnauthenticatedException;

/** What can go wrong reading invoices and credit notes; mapped to problem+json in one place (the platform's handler). */
public final class InvoicingErrors {

    static final String ORDER_NOT_FOUND = "order_not_found";
    static final String INVOICE_NOT_FOUND = "invoice_not_found";
    static final String CREDIT_NOTE_NOT_FOUND = "credit_note_not_found";
    static final String CREDENTIALS_REQUIRED = "unauthorized";

    private InvoicingErrors() {
    }

    /** No such order, or not one the caller may see (never tell which). */
    public static final class OrderNotFound extends NotFoundException {
        public OrderNotFound() {
            super(ORDER_NOT_FOUND, "No such order");
        }
    }

    /** The order is the caller's, but has no invoice (yet): it is issued when the order is paid. */
    public static final class InvoiceNotFound extends NotFoundException {
        public InvoiceNotFound() {
            super(INVOICE_NOT_FOUND, "The order has no invoice yet: it is issued once the order is paid");
        }
    }

    /** No such credit note of this order. */
    public static final class CreditNoteNotFound extends NotFoundException {
        public CreditNoteNotFound() {
            super(CREDIT_NOTE_NOT_FOUND, "No such credit note");
        }
    }

    /** Neither a bearer token nor a guest's order email and token came with the request. */
    public static final class CredentialsRequired extends UnauthenticatedException {
        public CredentialsRequired() {
            super(CREDENTIALS_REQUIRED, "A valid access token, or the order's email and access token "
                    + "(X-Order-Email, X-Order-Token), is required");
        }
    }
}
