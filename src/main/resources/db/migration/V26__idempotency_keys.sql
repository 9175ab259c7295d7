-- Idempotency-Key (platform/idempotency): one row per (caller scope, key). The first request wins the row
-- with INSERT ... ON CONFLICT; the row then holds the request's fingerprint while it runs (IN_FLIGHT, locked
-- until locked_until) and its answer once done (COMPLETED), replayed to retries until expires_at.
CREATE TABLE idempotency_keys (
    scope            text        NOT NULL CHECK (length(scope) BETWEEN 1 AND 255),
    idempotency_key  text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    -- SHA-256 of method, path and query, and the raw request body
    fingerprint      bytea       NOT NULL CHECK (length(fingerprint) = 32),
    state            text        NOT NULL CHECK (state IN ('IN_FLIGHT', 'COMPLETED')),
    -- which attempt holds the row: a request that lost it to a takeover can neither complete nor release it
    claim            uuid        NOT NULL,
    -- an IN_FLIGHT row past this instant belongs to a crashed or stuck attempt and may be taken over
    locked_until     timestamptz NOT NULL,
    response_status  smallint,
    -- the replayed headers (Content-Type, Location, ...), name -> value
    response_headers jsonb,
    response_body    bytea,
    created_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    -- never replayed from this instant on, even before the purge deletes the row
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (scope, idempotency_key),
    CHECK (state = 'IN_FLIGHT' OR (response_status IS NOT NULL AND response_headers IS NOT NULL
                                    AND response_body IS NOT NULL AND completed_at IS NOT NULL))
);

CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
