package dev.surge.invoicing.domain;

import dev.surge.invoicing.config.InvoicingProperties;
import dev.surge.invoicing.data.DocumentQueries;
import dev.surge.invoicing.data.SeriesCounter;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One credit note per refund of an order's payment, referring to the order's invoice (issued first if the refund
 * was handled before the payment was), numbered from the credit-note series the same way invoices are.
 */
@Service
public class CreditNotes {

    private final Invoices invoices;
    private final DocumentQueries documents;
    private final SeriesCounter counter;
    private final DocumentRendering rendering;
    private final InvoicingProperties properties;
    private final TransactionalOperator ownTransaction;

    CreditNotes(Invoices invoices, DocumentQueries documents, SeriesCounter counter, DocumentRendering rendering,
            InvoicingProperties properties, ReactiveTransactionManager transactions) {
        this.invoices = invoices;
        this.documents = documents;
        this.counter = counter;
        this.rendering = rendering;
        this.properties = properties;
        this.ownTransaction = TransactionalOperator.create(transactions,
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
    }

    /**
     * The credit note of refund {@code refundReference} of {@code amount} (tax included), issued now unless it
     * exists. An order without an invoice cannot be refunded (only paid orders are), so that is a failure, which
     * the event handler retries.
     */
    public Mono<IssuedDocument> issue(UUID orderId, String refundReference, Money amount) {
        return documents.creditNoteOf(orderId, refundReference).switchIfEmpty(Mono.defer(() -> invoices.issue(orderId)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Order " + orderId
                        + " has a refund but no invoice: it was never paid")))
                .flatMap(invoice -> numbered(invoice, refundReference, amount))));
    }

    /** The same, with its PDF (rendered now if need be). */
    public Mono<IssuedDocument> issueRendered(UUID orderId, String refundReference, Money amount) {
        return issue(orderId, refundReference, amount).flatMap(rendering::rendered);
    }

    /** The order's credit notes, oldest first, without their PDFs. */
    public Flux<IssuedDocument> list(UUID orderId) {
        return documents.creditNotes(orderId);
    }

    /** One credit note of the order with its PDF (rendered now if need be), if it exists. */
    public Mono<IssuedDocument> find(UUID orderId, UUID creditNoteId) {
        return documents.creditNote(orderId, creditNoteId).flatMap(rendering::rendered);
    }

    private Mono<IssuedDocument> numbered(IssuedDocument invoice, String refundReference, Money amount) {
        String series = properties.creditNoteSeries();
        return counter.lock(series)
                .then(documents.creditNoteOf(invoice.orderId(), refundReference))
                .switchIfEmpty(Mono.defer(() -> counter.take(series).flatMap(seq -> {
                    String number = DocumentNumbers.format(series, seq, properties.digits());
                    Instant now = Instant.now();
                    IssuedDocument note = new IssuedDocument(Ids.newId(), invoice.orderId(), number, refundReference,
                            InvoiceDocuments.creditNote(invoice.document(), number, now, refundReference, amount),
                            null, now);
                    return documents.insertCreditNote(note, invoice.id(), series, seq).thenReturn(note);
                })))
                .as(ownTransaction::transactional);
    }
}
