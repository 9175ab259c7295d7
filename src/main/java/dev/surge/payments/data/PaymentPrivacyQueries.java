package dev.surge.payments.data;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * The payments and refunds of some orders as a buyer's personal-data export lists them: provider, its reference,
 * amounts and states. Never the client secret or the pay page's address (credentials of the payment, not data
 * about the buyer); card data never reaches Surge at all.
 */
@Repository
public class PaymentPrivacyQueries {

    private final DatabaseClient db;

    PaymentPrivacyQueries(DatabaseClient db) {
        this.db = db;
    }

    public Flux<PaymentRecord> payments(UUID[] orderIds) {
        return db.sql("""
                SELECT id, order_id, provider, provider_reference, status, amount_minor, currency, received_minor,
                       refunded_minor, created_at
                FROM payments WHERE order_id = ANY(:orders) ORDER BY created_at, id""")
                .bind("orders", orderIds).map(PaymentPrivacyQueries::payment).all();
    }

    public Flux<RefundRecord> refunds(UUID[] orderIds) {
        return db.sql("""
                SELECT r.payment_id, r.provider, r.refund_reference, r.status, r.amount_minor, r.currency, r.created_at
                FROM refunds r JOIN payments p ON p.id = r.payment_id
                WHERE p.order_id = ANY(:orders) ORDER BY r.created_at, r.id""")
                .bind("orders", orderIds)
                .map(row -> new RefundRecord(row.get("payment_id", UUID.class), row.get("provider", String.class),
                        row.get("refund_reference", String.class), row.get("status", String.class),
                        row.get("amount_minor", Long.class), row.get("currency", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    private static PaymentRecord payment(Readable row) {
        return new PaymentRecord(row.get("id", UUID.class), row.get("order_id", UUID.class),
                row.get("provider", String.class), row.get("provider_reference", String.class),
                row.get("status", String.class), row.get("amount_minor", Long.class), row.get("currency", String.class),
                row.get("received_minor", Long.class), row.get("refunded_minor", Long.class),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }

    public record PaymentRecord(UUID id, UUID orderId, String provider, String providerReference, String status,
            long amountMinor, String currency, Long receivedMinor, Long refundedMinor, Instant createdAt) {
    }

    public record RefundRecord(UUID paymentId, String provider, String refundReference, String status,
            long amountMinor, String currency, Instant createdAt) {
    }
}
