-- TOTP second factor. Secrets are stored encrypted (AES-GCM, key from surge.identity.two-factor.encryption-key);
-- a pending secret waits for its first code before it becomes the active one.
ALTER TABLE users
    ADD COLUMN totp_secret         text,
    ADD COLUMN totp_pending_secret text,
    ADD COLUMN totp_enabled_at     timestamptz,
    ADD COLUMN totp_last_step      bigint;

-- One-time recovery codes, stored as SHA-256; used ones stay, marked.
CREATE TABLE recovery_codes (
    user_id   uuid  NOT NULL REFERENCES users (id),
    code_hash bytea NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);
