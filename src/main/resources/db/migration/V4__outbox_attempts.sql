-- A row the broker keeps refusing (undeclared topic, oversized payload...) must not block the rows
-- behind it: failed sends are counted, and after surge.events.relay.max-attempts the row is parked
-- (left unpublished, skipped by the relay, counted in a metric) for an operator to inspect.
ALTER TABLE outbox_events
    ADD COLUMN attempts   int NOT NULL DEFAULT 0,
    ADD COLUMN last_error text;
