package dev.surge.invoicing;

import java.util.UUID;
import reactor.core.publisher.Mono;

/** What other modules may ask of invoicing (notifications: the invoice to attach to the paid-order email). */
public interface InvoicingApi {

    /**
     * The order's invoice as a PDF. Issued (numbered) now if the order is paid and its invoice has not been issued
     * yet (the {@code OrderPaid} handlers of invoicing and of the caller run in any order), and rendered now if it
     * has not been rendered; the number is taken in a transaction of its own, so a caller's transaction that rolls
     * back afterwards leaves the invoice issued, never a gap. Empty when the order is not paid; an error
     * ({@code order_not_found}) when there is no such order. Runs off the event loop where it blocks.
     */
    Mono<InvoicePdf> invoicePdf(UUID orderId);

    /**
     * @param number   the invoice number, e.g. {@code INV-000123}
     * @param fileName the name to attach or save it under ({@code INV-000123.pdf})
     * @param content  the PDF's bytes
     */
    record InvoicePdf(String number, String fileName, byte[] content) {
    }
}
