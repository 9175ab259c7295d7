package dev.surge.invoicing.domain;

import dev.surge.invoicing.config.InvoicingProperties;
import dev.surge.invoicing.data.DocumentQueries;
import dev.surge.invoicing.data.SeriesCounter;
import dev.surge.orders.OrderDetails;
import dev.surge.orders.OrdersApi;
import dev.surge.platform.persistence.Ids;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Mono;

/**
 * Issues the invoice of a paid order, once: numbered from the configured series in a transaction of its own
 * (lock the series row, look for the order's invoice again, take the number, insert), so the lock is held for a
 * few statements only, whoever calls (an event handler, or another module inside its own transaction), and the
 * unique order id never has to be relied on to stop a second invoice: under the lock it is seen.
 */
@Service
public class Invoices {

    private final OrdersApi orders;
    private final DocumentQueries documents;
    private final SeriesCounter counter;
    private final DocumentRendering rendering;
    private final InvoicingProperties properties;
    private final TransactionalOperator ownTransaction;

    Invoices(OrdersApi orders, DocumentQueries documents, SeriesCounter counter, DocumentRendering rendering,
            InvoicingProperties properties, ReactiveTransactionManager transactions) {
        this.orders = orders;
        this.documents = documents;
        this.counter = counter;
        this.rendering = rendering;
        this.properties = properties;
        this.ownTransaction = TransactionalOperator.create(transactions,
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
    }

    /** The order's invoice, issued now if the order is paid and has none; empty when it is not paid. */
    public Mono<IssuedDocument> issue(UUID orderId) {
        return documents.invoiceOf(orderId).switchIfEmpty(Mono.defer(() -> orders.details(orderId)
                .filter(order -> order.paidAt() != null)
                .flatMap(this::numbered)));
    }

    /** The order's invoice with its PDF (issued and rendered now if need be); empty when the order is not paid. */
    public Mono<IssuedDocument> issueRendered(UUID orderId) {
        return issue(orderId).flatMap(rendering::rendered);
    }

    /** The order's invoice with its PDF if it has one, rendered now if need be; issues nothing. */
    public Mono<IssuedDocument> existing(UUID orderId) {
        return documents.invoiceOf(orderId).flatMap(rendering::rendered);
    }

    private Mono<IssuedDocument> numbered(OrderDetails order) {
        String series = properties.series();
        return counter.lock(series)
                .then(documents.invoiceOf(order.id()))
                .switchIfEmpty(Mono.defer(() -> counter.take(series).flatMap(seq -> {
                    String number = DocumentNumbers.format(series, seq, properties.digits());
                    Instant now = Instant.now();
                    IssuedDocument invoice = new IssuedDocument(Ids.newId(), order.id(), number, null,
                            InvoiceDocuments.invoice(order, number, now, DocumentNumbers.seller(properties)), null, now);
                    return documents.insertInvoice(invoice, series, seq).thenReturn(invoice);
                })))
                .as(ownTransaction::transactional);
    }
}
