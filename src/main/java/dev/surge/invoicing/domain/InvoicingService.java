package dev.surge.invoicing.domain;

import dev.surge.invoicing.InvoicingApi;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The door other modules use. */
@Service
class InvoicingService implements InvoicingApi {

    private final Invoices invoices;

    InvoicingService(Invoices invoices) {
        this.invoices = invoices;
    }

    @Override
    public Mono<InvoicePdf> invoicePdf(UUID orderId) {
        return invoices.issueRendered(orderId)
                .map(invoice -> new InvoicePdf(invoice.number(), invoice.fileName(), invoice.pdf()));
    }
}
