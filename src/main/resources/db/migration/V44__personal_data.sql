-- Personal data: erasure of accounts (GDPR art. 17) and exports of what Surge holds about one (art. 15, 20).

-- An erased account keeps its row (orders, sessions and audit rows still point at it) but nothing personal: its
-- email becomes erased+<id>@erased.invalid (so the address is free to register again), its name empty, its
-- password and second factor gone. ERASED is final.
ALTER TABLE users DROP CONSTRAINT users_status_check;
ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('ACTIVE', 'DISABLED', 'ERASED'));
ALTER TABLE users ADD COLUMN erased_at timestamptz;

-- One export of everything Surge holds about an account: built off the request (PENDING), then READY with the
-- document and the SHA-256 of its one-time download token until expires_at; the purge job deletes expired rows,
-- a download clears the document. requested_by: the account itself or the admin who asked for it.
CREATE TABLE personal_data_exports (
    id            uuid PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id),
    requested_by  uuid        NOT NULL,
    status        text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'READY', 'DOWNLOADED')),
    document      jsonb,
    token_hash    bytea UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    ready_at      timestamptz,
    expires_at    timestamptz NOT NULL,
    downloaded_at timestamptz
);
-- At most one export of an account is being built at a time: asking again answers the one under way.
CREATE UNIQUE INDEX personal_data_exports_pending ON personal_data_exports (user_id) WHERE status = 'PENDING';
CREATE INDEX personal_data_exports_expiry ON personal_data_exports (expires_at);
