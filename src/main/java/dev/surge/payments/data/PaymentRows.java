package dev.surge.payments.data;

import dev.surge.payments.gateway.DisputeStatus;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.platform.persistence.Money;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;

/** Rows of the payments tables as records: the mapping {@link PaymentQueries} reads them with. */
final class PaymentRows {

    private PaymentRows() {
    }

    static PaymentRow payment(Readable row) {
        String currency = row.get("currency", String.class);
        Long received = row.get("received_minor", Long.class);
        String receivedCurrency = row.get("received_currency", String.class);
        Money receivedMoney = received == null || receivedCurrency == null ? null : Money.of(received, receivedCurrency);
        return new PaymentRow(row.get("id", UUID.class), row.get("order_id", UUID.class), row.get("provider", String.class),
                row.get("provider_reference", String.class), row.get("status", String.class),
                Money.of(row.get("amount_minor", Long.class), currency), receivedMoney,
                Money.of(row.get("refunded_minor", Long.class), receivedMoney != null ? receivedCurrency : currency),
                row.get("client_secret", String.class), row.get("authorization_url", String.class),
                row.get("flag", String.class), row.get("order_outcome", String.class),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }

    static PaymentEvent event(Readable row) {
        Long amount = row.get("amount_minor", Long.class);
        String currency = row.get("currency", String.class);
        return new PaymentEvent(row.get("provider", String.class), row.get("event_id", String.class),
                PaymentEvent.Type.valueOf(row.get("type", String.class)), row.get("provider_event_type", String.class),
                row.get("provider_reference", String.class), row.get("payment_reference", String.class),
                row.get("refund_reference", String.class),
                amount == null || currency == null ? null : Money.of(amount, currency), row.get("occurred_at", Instant.class),
                dispute(row));
    }

    private static PaymentEvent.Dispute dispute(Readable row) {
        String reference = row.get("dispute_reference", String.class);
        String status = row.get("dispute_status", String.class);
        return reference == null || status == null ? null : new PaymentEvent.Dispute(reference,
                DisputeStatus.valueOf(status), row.get("dispute_provider_status", String.class),
                row.get("dispute_reason", String.class));
    }

    static RefundRow refund(Readable row) {
        return new RefundRow(row.get("id", UUID.class), row.get("payment_id", UUID.class), row.get("provider", String.class),
                row.get("refund_reference", String.class), row.get("status", String.class),
                Money.of(row.get("amount_minor", Long.class), row.get("currency", String.class)), null, null,
                row.get("attempt", Integer.class), row.get("provider_key", String.class),
                row.get("recorded_at", Instant.class), row.get("reversed_at", Instant.class),
                row.get("created_at", Instant.class));
    }
}
