package dev.surge.invoicing.data;

import dev.surge.invoicing.domain.InvoiceDocument;
import dev.surge.invoicing.domain.IssuedDocument;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** SQL of invoices ({@code invoices}) and credit notes ({@code credit_notes}). */
@Repository
public class DocumentQueries {

    private static final String INVOICE = """
            SELECT id, order_id, number, NULL AS refund_reference, document, issued_at, %s AS pdf FROM invoices""";
    private static final String CREDIT_NOTE = """
            SELECT id, order_id, number, refund_reference, document, issued_at, %s AS pdf FROM credit_notes""";

    private final DatabaseClient db;
    private final JsonMapper json;

    DocumentQueries(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The order's invoice, with its PDF if rendered. */
    public Mono<IssuedDocument> invoiceOf(UUID orderId) {
        return db.sql(INVOICE.formatted("pdf") + " WHERE order_id = :o").bind("o", orderId).map(this::document).one();
    }

    /** The credit note of a refund of the order, with its PDF if rendered. */
    public Mono<IssuedDocument> creditNoteOf(UUID orderId, String refundReference) {
        return db.sql(CREDIT_NOTE.formatted("pdf") + " WHERE order_id = :o AND refund_reference = :r")
                .bind("o", orderId).bind("r", refundReference).map(this::document).one();
    }

    /** One credit note of the order, with its PDF if rendered. */
    public Mono<IssuedDocument> creditNote(UUID orderId, UUID creditNoteId) {
        return db.sql(CREDIT_NOTE.formatted("pdf") + " WHERE order_id = :o AND id = :id")
                .bind("o", orderId).bind("id", creditNoteId).map(this::document).one();
    }

    /** The order's credit notes in the order they were issued, without their PDFs. */
    public Flux<IssuedDocument> creditNotes(UUID orderId) {
        return db.sql(CREDIT_NOTE.formatted("NULL::bytea") + " WHERE order_id = :o ORDER BY seq")
                .bind("o", orderId).map(this::document).all();
    }

    /** Inserts a numbered invoice ({@code number} taken from {@code series} at {@code seq}). */
    public Mono<Void> insertInvoice(IssuedDocument invoice, String series, long seq) {
        InvoiceDocument doc = invoice.document();
        return db.sql("""
                INSERT INTO invoices (id, order_id, series, seq, number, currency, total_minor, tax_minor, document,
                                      issued_at)
                VALUES (:id, :order, :series, :seq, :number, :currency, :total, :tax, :document, :issued)""")
                .bind("id", invoice.id()).bind("order", invoice.orderId()).bind("series", series).bind("seq", seq)
                .bind("number", invoice.number()).bind("currency", doc.currency())
                .bind("total", doc.total().amountMinor()).bind("tax", doc.tax().amountMinor())
                .bind("document", Json.of(json.writeValueAsBytes(doc)))
                .bind("issued", invoice.issuedAt().atOffset(ZoneOffset.UTC))
                .then();
    }

    /** Inserts a numbered credit note of {@code invoiceId}. */
    public Mono<Void> insertCreditNote(IssuedDocument note, UUID invoiceId, String series, long seq) {
        InvoiceDocument doc = note.document();
        return db.sql("""
                INSERT INTO credit_notes (id, invoice_id, order_id, refund_reference, series, seq, number, currency,
                                          amount_minor, tax_minor, document, issued_at)
                VALUES (:id, :invoice, :order, :refund, :series, :seq, :number, :currency, :amount, :tax, :document,
                        :issued)""")
                .bind("id", note.id()).bind("invoice", invoiceId).bind("order", note.orderId())
                .bind("refund", note.refundReference()).bind("series", series).bind("seq", seq)
                .bind("number", note.number()).bind("currency", doc.currency())
                .bind("amount", doc.total().amountMinor()).bind("tax", doc.tax().amountMinor())
                .bind("document", Json.of(json.writeValueAsBytes(doc)))
                .bind("issued", note.issuedAt().atOffset(ZoneOffset.UTC))
                .then();
    }

    /**
     * Stores a document's PDF unless one is stored already (renderings of one document are identical), and only
     * while the stored document still shows the buyer the PDF was rendered with: a rendering that raced the buyer's
     * anonymisation is dropped, and the anonymised document is rendered when next asked for.
     */
    public Mono<Void> storePdf(IssuedDocument document, byte[] pdf) {
        String table = document.kind() == InvoiceDocument.Kind.INVOICE ? "invoices" : "credit_notes";
        InvoiceDocument.Buyer buyer = document.document().buyer();
        return db.sql("UPDATE " + table + " SET pdf = :pdf, rendered_at = now() WHERE id = :id AND pdf IS NULL"
                        + " AND document->'buyer'->>'name' IS NOT DISTINCT FROM :name"
                        + " AND document->'buyer'->>'email' IS NOT DISTINCT FROM :email")
                .bind("pdf", ByteBuffer.wrap(pdf)).bind("id", document.id())
                .bind("name", buyer == null || buyer.name() == null ? Parameters.in(String.class) : buyer.name())
                .bind("email", buyer == null || buyer.email() == null ? Parameters.in(String.class) : buyer.email())
                .then();
    }

    /**
     * Replaces the buyer on the invoices and credit notes of these orders with {@code buyer} (its JSON) and drops
     * their PDFs, to be rendered again from the anonymised document; number, amounts and lines stay. Documents
     * anonymised before are left as they are, so running it again changes nothing. Emits how many changed.
     */
    public Mono<Long> anonymise(UUID[] orderIds, InvoiceDocument.Buyer buyer) {
        Json replacement = Json.of(json.writeValueAsBytes(buyer));
        String sql = """
                UPDATE %s SET document = jsonb_set(document, '{buyer}', :buyer), pdf = NULL, rendered_at = NULL,
                       anonymised_at = now()
                WHERE order_id = ANY(:orders) AND anonymised_at IS NULL""";
        return db.sql(sql.formatted("invoices")).bind("buyer", replacement).bind("orders", orderIds)
                .fetch().rowsUpdated()
                .zipWith(db.sql(sql.formatted("credit_notes")).bind("buyer", replacement).bind("orders", orderIds)
                        .fetch().rowsUpdated(), Long::sum);
    }

    /** The invoices and credit notes of these orders, without documents or PDFs, in the order they were issued. */
    public Flux<DocumentSummary> summaries(UUID[] orderIds) {
        return db.sql("""
                SELECT 'INVOICE' AS kind, number, order_id, currency, total_minor AS amount_minor, issued_at
                FROM invoices WHERE order_id = ANY(:orders)
                UNION ALL
                SELECT 'CREDIT_NOTE', number, order_id, currency, amount_minor, issued_at
                FROM credit_notes WHERE order_id = ANY(:orders)
                ORDER BY issued_at, number""")
                .bind("orders", orderIds)
                .map(row -> new DocumentSummary(row.get("kind", String.class), row.get("number", String.class),
                        row.get("order_id", UUID.class), row.get("currency", String.class),
                        row.get("amount_minor", Long.class), row.get("issued_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** An invoice or credit note as the buyer's personal-data export lists it. */
    public record DocumentSummary(String kind, String number, UUID orderId, String currency, long amountMinor,
            java.time.Instant issuedAt) {
    }

    private IssuedDocument document(Readable row) {
        ByteBuffer pdf = row.get("pdf", ByteBuffer.class);
        byte[] bytes = null;
        if (pdf != null) {
            bytes = new byte[pdf.remaining()];
            pdf.get(bytes);
        }
        InvoiceDocument doc = json.readValue(row.get("document", Json.class).asArray(), InvoiceDocument.class);
        return new IssuedDocument(row.get("id", UUID.class), row.get("order_id", UUID.class),
                row.get("number", String.class), row.get("refund_reference", String.class), doc, bytes,
                row.get("issued_at", OffsetDateTime.class).toInstant());
    }
}
