package dev.surge.invoicing.domain;

import dev.surge.invoicing.config.InvoicingProperties;
import dev.surge.invoicing.data.DocumentQueries;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Renders a document's PDF once and keeps it with the document. PDFBox is blocking CPU work, so it runs on the
 * bounded {@code surge-invoices} scheduler ({@code surge.invoices.render-threads}), never on an event loop; a full
 * queue refuses the task. Rendering happens after the document is numbered and committed, so the series' lock is
 * never held while a PDF is laid out; a document whose rendering was lost (a crash) is rendered when next asked for.
 */
@Component
public class DocumentRendering implements DisposableBean {

    private final DocumentQueries documents;
    private final Scheduler scheduler;

    DocumentRendering(DocumentQueries documents, InvoicingProperties properties) {
        this.documents = documents;
        this.scheduler = Schedulers.newBoundedElastic(properties.renderThreads(), properties.renderQueue(),
                "surge-invoices");
    }

    /** The document with its PDF: the stored one, or rendered now and stored. */
    public Mono<IssuedDocument> rendered(IssuedDocument document) {
        if (document.pdf() != null) {
            return Mono.just(document);
        }
        return Mono.fromCallable(() -> PdfRenderer.render(document.document()))
                .subscribeOn(scheduler)
                .flatMap(pdf -> documents.storePdf(document, pdf).thenReturn(document.withPdf(pdf)));
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
