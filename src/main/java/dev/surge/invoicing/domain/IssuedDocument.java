package dev.surge.invoicing.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A numbered invoice or credit note as stored: what it shows and, once rendered, its PDF ({@code pdf} null
 * before). {@code refundReference}: the refund a credit note documents (null for an invoice).
 */
public record IssuedDocument(UUID id, UUID orderId, String number, String refundReference, InvoiceDocument document,
        byte[] pdf, Instant issuedAt) {

    public InvoiceDocument.Kind kind() {
        return document.kind();
    }

    /** The file name a download is saved under: the number, which is letters, digits and dashes. */
    public String fileName() {
        return number + ".pdf";
    }

    public IssuedDocument withPdf(byte[] rendered) {
        return new IssuedDocument(id, orderId, number, refundReference, document, rendered, issuedAt);
    }
}
