package dev.surge.identity.domain;

import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.events.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/** What erasures and exports write with besides identity's own rows: the audit trail, the outbox, the transaction. */
@Component
record PrivacyWriters(AuditTrail audit, Outbox outbox, TransactionalOperator tx) {
}
