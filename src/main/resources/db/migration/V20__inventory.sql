-- Inventory owns stock from here on. product_variants.stock_on_hand stays as the catalog's read model of
-- available units (for the in-stock filter and badges); inventory keeps it up to date through events.

-- on_hand: units in the warehouse. reserved: units promised and not yet sold: active reservations plus the
-- unsold part of every flash-sale pool. Available to new buyers: on_hand - reserved.
CREATE TABLE inventory_stock (
    variant_id          uuid PRIMARY KEY REFERENCES product_variants (id) ON DELETE CASCADE,
    on_hand             int         NOT NULL CHECK (on_hand >= 0),
    reserved            int         NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    low_stock_threshold int         NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
    version             bigint      NOT NULL DEFAULT 0,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT inventory_stock_reserved_within_on_hand CHECK (reserved <= on_hand)
);
CREATE INDEX inventory_stock_low ON inventory_stock ((on_hand - reserved));

INSERT INTO inventory_stock (variant_id, on_hand)
SELECT id, stock_on_hand FROM product_variants;

-- A campaign sells `quantity` units of one variant at a sale price between starts_at and ends_at. The
-- pool is held in inventory_stock.reserved from creation; taken counts units in active or confirmed
-- reservations, sold the confirmed ones. When the sale closes, the untaken rest returns to normal stock.
CREATE TABLE flash_sales (
    id                 uuid PRIMARY KEY,
    variant_id         uuid        NOT NULL REFERENCES product_variants (id),
    name               text        NOT NULL,
    price_minor        bigint      NOT NULL CHECK (price_minor >= 0),
    currency           char(3)     NOT NULL,
    quantity           int         NOT NULL CHECK (quantity >= 0),
    taken              int         NOT NULL DEFAULT 0 CHECK (taken >= 0),
    sold               int         NOT NULL DEFAULT 0 CHECK (sold >= 0),
    per_customer_limit int         NOT NULL CHECK (per_customer_limit > 0),
    hold_seconds       int         NOT NULL CHECK (hold_seconds > 0),
    starts_at          timestamptz NOT NULL,
    ends_at            timestamptz NOT NULL,
    closed_at          timestamptz,
    created_by         uuid,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT flash_sales_window CHECK (ends_at > starts_at),
    CONSTRAINT flash_sales_taken_within_quantity CHECK (taken <= quantity),
    CONSTRAINT flash_sales_sold_within_taken CHECK (sold <= taken)
);
CREATE INDEX flash_sales_open ON flash_sales (ends_at) WHERE closed_at IS NULL;
CREATE INDEX flash_sales_variant ON flash_sales (variant_id);

CREATE TABLE stock_reservations (
    id            uuid PRIMARY KEY,
    owner         text        NOT NULL,
    flash_sale_id uuid REFERENCES flash_sales (id),
    status        text        NOT NULL DEFAULT 'ACTIVE'
        CHECK (status IN ('ACTIVE', 'CONFIRMED', 'RELEASED', 'EXPIRED')),
    expires_at    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_reservations_due ON stock_reservations (expires_at) WHERE status = 'ACTIVE';
CREATE INDEX stock_reservations_sale_owner ON stock_reservations (flash_sale_id, owner)
    WHERE flash_sale_id IS NOT NULL;

CREATE TABLE stock_reservation_lines (
    reservation_id uuid NOT NULL REFERENCES stock_reservations (id) ON DELETE CASCADE,
    variant_id     uuid NOT NULL REFERENCES product_variants (id),
    quantity       int  NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (reservation_id, variant_id)
);

-- Every change to on_hand, by whom and why (admin adjustments, sales, returns), for audit and reports.
CREATE TABLE stock_movements (
    id          uuid PRIMARY KEY,
    variant_id  uuid        NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    delta       int         NOT NULL,
    on_hand     int         NOT NULL,
    reason      text        NOT NULL,
    reference   text,
    actor       uuid,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movements_variant ON stock_movements (variant_id, created_at DESC);
