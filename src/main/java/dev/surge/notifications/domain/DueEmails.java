package dev.surge.notifications.domain;

import dev.surge.invoicing.InvoicingApi;
import dev.surge.notifications.data.NotificationQueries.DueRow;
import dev.surge.notifications.mail.Email;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A recorded notification made into the email to send: rendered from its template and stored model (on the
 * render threads), and for the buyer's paid-order email with the order's invoice attached (issued now if invoicing
 * has not done so yet, see {@link InvoicingApi#invoicePdf}). If the invoice cannot be had, the send fails and is
 * tried again like an SMTP failure.
 */
@Component
class DueEmails {

    /** The template of the buyer's paid-order email, which carries the invoice. */
    static final String INVOICED_TEMPLATE = "order-paid";

    private static final TypeReference<Map<String, Object>> MODEL = new TypeReference<>() {
    };

    private final EmailRenderer renderer;
    private final JsonMapper json;
    private final InvoicingApi invoicing;

    DueEmails(EmailRenderer renderer, JsonMapper json, InvoicingApi invoicing) {
        this.renderer = renderer;
        this.json = json;
        this.invoicing = invoicing;
    }

    Mono<Email> email(DueRow row) {
        Mono<Email> rendered = renderer.render(() -> renderer.email(row.recipient(), row.subject(), row.template(),
                json.readValue(row.model(), MODEL), null));
        if (!INVOICED_TEMPLATE.equals(row.template()) || row.orderId() == null) {
            return rendered;
        }
        return rendered.zipWith(invoicing.invoicePdf(row.orderId()),
                (email, pdf) -> email.with(new Email.Attachment(pdf.fileName(), "application/pdf", pdf.content())));
    }
}
