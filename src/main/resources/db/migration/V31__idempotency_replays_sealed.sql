-- Kept answers hold secrets (a guest order's access token, a payment's client secret). From now on a row is
-- stored under the SHA-256 (hex) of the client's Idempotency-Key and its body is sealed with a key derived
-- from that key (ReplaySeal), so the table alone reveals neither. Rows written before stay readable: their
-- keys are hashed here and their bodies, not sealed, are marked so.
ALTER TABLE idempotency_keys ADD COLUMN response_sealed boolean NOT NULL DEFAULT false;

UPDATE idempotency_keys SET idempotency_key = encode(sha256(convert_to(idempotency_key, 'UTF8')), 'hex');

COMMENT ON COLUMN idempotency_keys.idempotency_key IS 'SHA-256 (hex) of the client''s Idempotency-Key';
COMMENT ON COLUMN idempotency_keys.response_body IS 'sealed (AES-256-GCM, nonce first) when response_sealed';
