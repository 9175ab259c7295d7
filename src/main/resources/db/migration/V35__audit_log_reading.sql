-- The audit log is read newest first (GET /api/v1/admin/audit, keyset on occurred_at then id), by actor, and
-- purged oldest first past surge.audit.retention.
CREATE INDEX audit_log_occurred ON audit_log (occurred_at DESC, id DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_id, occurred_at DESC) WHERE actor_id IS NOT NULL;
