-- How many times a provider delivered a webhook event again after we had stored it (issue 15: the payments
-- report counts duplicate deliveries). Counted by the insert that finds the event already stored.
ALTER TABLE payment_events ADD COLUMN redeliveries int NOT NULL DEFAULT 0;
-- The payments report reads events by when they arrived.
CREATE INDEX payment_events_received ON payment_events (received_at);
