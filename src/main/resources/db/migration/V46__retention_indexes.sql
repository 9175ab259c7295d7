-- The retention job (dev.surge.platform.retention) deletes the oldest records past their period, a batch at a time;
-- each index matches one purge's WHERE and ORDER BY, so a round reads only what it deletes.
CREATE INDEX auth_sessions_ended ON auth_sessions (least(revoked_at, expires_at));
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);
CREATE INDEX account_tokens_spent ON account_tokens (least(used_at, expires_at));
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);
CREATE INDEX notifications_settled ON notifications (updated_at) WHERE status <> 'PENDING';
CREATE INDEX payment_events_processed ON payment_events (processed_at) WHERE processed_at IS NOT NULL;
CREATE INDEX dead_letters_resolved ON dead_letters (resolved_at) WHERE status <> 'pending';
