package dev.surge.payments.domain;

import dev.surge.platform.audit.AuditTrail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What operators see of the jobs that undo charges for orders we no longer sell ({@link PaymentCancellations},
 * {@link AutoRefunds}): a counter per try by provider and outcome, and an {@code audit_log} row, by the system
 * (no actor, no address), for each end (done, not needed, given up).
 */
@Component
class RecoveryTrail {

    private static final AuditTrail.Origin SYSTEM = AuditTrail.Origin.of(null, null);

    private final AuditTrail audit;
    private final MeterRegistry meters;

    RecoveryTrail(AuditTrail audit, MeterRegistry meters) {
        this.audit = audit;
        this.meters = meters;
    }

    /** Appends the audit row; joins the caller's transaction. */
    Mono<Void> audited(String action, UUID subject, Map<String, ?> details) {
        return audit.record(action, null, subject, SYSTEM, details);
    }

    void counted(String meter, String provider, String outcome) {
        Counter.builder(meter).tag("provider", provider == null ? "unknown" : provider).tag("outcome", outcome)
                .register(meters).increment();
    }
}
