package dev.surge.invoicing.web;

import dev.surge.invoicing.domain.IssuedDocument;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A credit note of an order: its number, the invoice it corrects, the refund it documents, the amount given back
 * (tax included) and the tax in it, and where its PDF is.
 */
record CreditNoteResponse(UUID id, String number, String invoiceNumber, String refundReference, Money amount,
        Money tax, Instant issuedAt, String pdfUrl) {

    static CreditNoteResponse of(IssuedDocument note, String pdfUrl) {
        return new CreditNoteResponse(note.id(), note.number(), note.document().refersTo(), note.refundReference(),
                note.document().total(), note.document().tax(), note.issuedAt(), pdfUrl);
    }

    /** The order's credit notes, oldest first. */
    record Page(List<CreditNoteResponse> items) {
    }
}
