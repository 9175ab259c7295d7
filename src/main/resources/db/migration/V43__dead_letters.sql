-- Messages a handler gave up on, as EventConsumers parked them on <topic>.dlt, recorded by DeadLetterRecorder
-- (consumer group surge.dead-letters) so that staff can list, replay or discard them
-- (/api/v1/admin/events/dead-letters). One row per dead-letter record: its coordinates are unique, so a
-- redelivered record is recorded once. A replay that fails again is a new record, hence a new row (replay_of).
CREATE TABLE dead_letters (
    id               uuid PRIMARY KEY,                -- UUIDv7: ordering by id is ordering by recording
    dlt_topic        text        NOT NULL,
    dlt_partition    integer     NOT NULL,
    dlt_offset       bigint      NOT NULL,
    topic            text        NOT NULL,            -- where the message was published and failed
    source_partition integer,
    source_offset    bigint,
    event_key        text,
    event_id         uuid,                            -- null when the message had none (it cannot be replayed)
    event_type       text,
    handler          text        NOT NULL,            -- the handler that gave up: the only one a replay reaches
    error_class      text,
    error_message    text,
    payload          bytea,
    headers          jsonb       NOT NULL DEFAULT '{}'::jsonb,   -- the original headers (request id...), kept for replay
    dead_lettered_at timestamptz NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'replayed', 'discarded')),
    resolved_at      timestamptz,
    resolved_by      uuid,                            -- the staff member who replayed or discarded it
    replay_of        uuid,                            -- the row whose replay failed again into this one
    CONSTRAINT dead_letters_record UNIQUE (dlt_topic, dlt_partition, dlt_offset)
);

-- The depth gauge counts pending rows per topic; bulk replays pick pending rows by topic and handler.
CREATE INDEX dead_letters_pending ON dead_letters (topic, handler, id) WHERE status = 'pending';
