-- Invoices and credit notes (invoicing module). Numbers come from a counter row per series, moved in the
-- transaction that inserts the document: concurrent issuers (any instance) queue on the row, a rollback gives the
-- number back, so a series has no gaps and no repeats. Each document keeps what it shows (document, JSON) and its
-- PDF (a few KB): they are legal records, private to the buyer and staff, and stay consistent with their numbered
-- row in one store and one backup.
CREATE TABLE invoice_series (
    series      text        PRIMARY KEY,
    next_number bigint      NOT NULL DEFAULT 1 CHECK (next_number > 0),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE invoices (
    id          uuid        PRIMARY KEY,
    order_id    uuid        NOT NULL UNIQUE,            -- one invoice per order, however often it is asked for
    series      text        NOT NULL REFERENCES invoice_series (series),
    seq         bigint      NOT NULL,
    number      text        NOT NULL UNIQUE,
    currency    char(3)     NOT NULL,
    total_minor bigint      NOT NULL,
    tax_minor   bigint      NOT NULL,
    document    jsonb       NOT NULL,
    pdf         bytea,                                  -- null until rendered (right after issue)
    issued_at   timestamptz NOT NULL,
    rendered_at timestamptz,
    UNIQUE (series, seq)
);

CREATE TABLE credit_notes (
    id               uuid        PRIMARY KEY,
    invoice_id       uuid        NOT NULL REFERENCES invoices (id),
    order_id         uuid        NOT NULL,
    refund_reference text        NOT NULL,
    series           text        NOT NULL REFERENCES invoice_series (series),
    seq              bigint      NOT NULL,
    number           text        NOT NULL UNIQUE,
    currency         char(3)     NOT NULL,
    amount_minor     bigint      NOT NULL CHECK (amount_minor > 0),
    tax_minor        bigint      NOT NULL,
    document         jsonb       NOT NULL,
    pdf              bytea,
    issued_at        timestamptz NOT NULL,
    rendered_at      timestamptz,
    UNIQUE (order_id, refund_reference),                -- one credit note per refund
    UNIQUE (series, seq)
);
CREATE INDEX credit_notes_invoice ON credit_notes (invoice_id);
