package dev.surge.identity.domain;

import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.privacy.PlatformErasure;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What erasures and exports write with besides identity's own rows: the audit trail, the outbox, the platform's
 * own part of an erasure, the transaction.
 */
@Component
record PrivacyWriters(AuditTrail audit, Outbox outbox, PlatformErasure platform, TransactionalOperator tx) {
}
