-- Accounts. Emails are stored lower-cased and trimmed; uniqueness is on that form.
CREATE TABLE users (
    id                uuid PRIMARY KEY,
    email             text        NOT NULL,
    display_name      text        NOT NULL,
    password_hash     text        NOT NULL,
    role              text        NOT NULL CHECK (role IN ('CUSTOMER', 'SELLER', 'FULFILMENT', 'FINANCE', 'ADMIN', 'SUPER_ADMIN')),
    merchant_id       uuid REFERENCES merchants (id),
    status            text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
    email_verified_at timestamptz,
    failed_logins     int         NOT NULL DEFAULT 0,
    locked_until      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_seller_has_merchant CHECK ((role = 'SELLER') = (merchant_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE INDEX users_merchant ON users (merchant_id) WHERE merchant_id IS NOT NULL;

-- A sign-in on one device. Access tokens carry its id; revoking it ends them (via Redis) and its refresh tokens.
CREATE TABLE auth_sessions (
    id             uuid PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id),
    device         text        NOT NULL DEFAULT '',
    ip_address     text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id, created_at DESC);

-- Refresh tokens are opaque; only their SHA-256 is kept. A used token stays, so presenting it again is
-- recognised as theft and ends the session.
CREATE TABLE refresh_tokens (
    token_hash bytea PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES auth_sessions (id),
    issued_at  timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Single-use tokens sent by email (verification, password reset); only their SHA-256 is kept.
CREATE TABLE account_tokens (
    token_hash bytea PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id),
    purpose    text        NOT NULL CHECK (purpose IN ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

-- Who did what, when, from where: security-relevant actions, append-only.
CREATE TABLE audit_log (
    id          uuid PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    action      text        NOT NULL,
    actor_id    uuid,
    subject_id  uuid,
    ip_address  text,
    user_agent  text,
    request_id  text,
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_subject ON audit_log (subject_id, occurred_at DESC);
CREATE INDEX audit_log_action ON audit_log (action, occurred_at DESC);
