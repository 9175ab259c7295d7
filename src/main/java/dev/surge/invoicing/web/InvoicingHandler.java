package dev.surge.invoicing.web;

import dev.surge.invoicing.domain.CreditNotes;
import dev.surge.invoicing.domain.DocumentAccess;
import dev.surge.invoicing.domain.DocumentAccess.Caller;
import dev.surge.invoicing.domain.Invoices;
import dev.surge.invoicing.domain.InvoicingErrors;
import dev.surge.invoicing.domain.IssuedDocument;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.PathIds;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Invoices and credit notes over HTTP: who is asking, may they, then the PDF or the list. */
@Component
class InvoicingHandler {

    static final String ORDER_EMAIL = "X-Order-Email";
    static final String ORDER_TOKEN = "X-Order-Token";
    private static final int MAX_CREDENTIAL = 254;

    private final Invoices invoices;
    private final CreditNotes creditNotes;
    private final DocumentAccess access;
    private final ClientIp clientIp;

    InvoicingHandler(Invoices invoices, CreditNotes creditNotes, DocumentAccess access, ClientIp clientIp) {
        this.invoices = invoices;
        this.creditNotes = creditNotes;
        this.access = access;
        this.clientIp = clientIp;
    }

    Mono<ServerResponse> invoice(ServerRequest request) {
        UUID orderId = orderId(request);
        return allowed(request, orderId)
                .then(invoices.existing(orderId))
                .switchIfEmpty(Mono.error(InvoicingErrors.InvoiceNotFound::new))
                .flatMap(InvoicingHandler::pdf);
    }

    Mono<ServerResponse> creditNotes(ServerRequest request) {
        UUID orderId = orderId(request);
        return allowed(request, orderId)
                .thenMany(creditNotes.list(orderId))
                .map(note -> CreditNoteResponse.of(note, "/api/v1/orders/" + orderId + "/credit-notes/" + note.id()))
                .collectList()
                .flatMap(items -> ServerResponse.ok().cacheControl(CacheControl.noStore())
                        .bodyValue(new CreditNoteResponse.Page(items)));
    }

    Mono<ServerResponse> creditNote(ServerRequest request) {
        UUID orderId = orderId(request);
        UUID creditNoteId = PathIds.required(request, "creditNoteId", InvoicingErrors.CreditNoteNotFound::new);
        return allowed(request, orderId)
                .then(creditNotes.find(orderId, creditNoteId))
                .switchIfEmpty(Mono.error(InvoicingErrors.CreditNoteNotFound::new))
                .flatMap(InvoicingHandler::pdf);
    }

    /** A signed-in caller by their bearer token; else a guest by the order's email and token headers. */
    private Mono<Void> allowed(ServerRequest request, UUID orderId) {
        return Principals.optional().<Caller>map(Caller.SignedIn::new)
                .switchIfEmpty(Mono.fromSupplier(() -> guest(request)))
                .flatMap(caller -> access.check(orderId, caller));
    }

    private Caller guest(ServerRequest request) {
        String email = request.headers().firstHeader(ORDER_EMAIL);
        String token = request.headers().firstHeader(ORDER_TOKEN);
        if (blank(email) && blank(token)) {
            throw new InvoicingErrors.CredentialsRequired();
        }
        if (blank(email) || blank(token) || email.length() > MAX_CREDENTIAL || token.length() > MAX_CREDENTIAL) {
            throw new InvoicingErrors.OrderNotFound();
        }
        return new Caller.Guest(email.trim(), token.trim(), clientIp.limitKey(request));
    }

    private static Mono<ServerResponse> pdf(IssuedDocument document) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_PDF)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(document.fileName()).build().toString())
                .bodyValue(document.pdf());
    }

    private static UUID orderId(ServerRequest request) {
        return PathIds.required(request, "orderId", InvoicingErrors.OrderNotFound::new);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
