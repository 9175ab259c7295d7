package dev.surge.payments.domain;

import dev.surge.payments.data.ReconciliationQueries.Mismatch;
import java.time.Instant;
import java.util.UUID;

/** One difference a reconciliation run found between a provider and Surge (or a provider it could not ask). */
public record ReconciliationMismatch(Instant detectedAt, UUID runId, String provider, String kind, UUID paymentId,
        String providerReference, String ourStatus, String providerStatus, Long ourAmountMinor,
        Long providerAmountMinor, String currency) {

    static ReconciliationMismatch of(Mismatch m) {
        return new ReconciliationMismatch(m.detectedAt(), m.runId(), m.provider(), m.kind(), m.paymentId(),
                m.providerReference(), m.ourStatus(), m.providerStatus(), m.ourAmountMinor(), m.providerAmountMinor(),
                m.currency());
    }
}
