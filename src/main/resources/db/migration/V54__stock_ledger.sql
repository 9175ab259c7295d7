-- The stock ledger (issue 15): stock_movements records every change of a stock row and of a flash sale's
-- pool, not only of on_hand. Rows are only ever inserted, in the statement (or transaction) that makes the
-- change, so the ledger cannot disagree with inventory_stock.
--
-- delta:          change of on_hand (0 for reservations and releases)
-- reserved_delta: change of reserved (reservations, releases, expiries, a sale's pool, sales)
-- reserved:       reserved after the change (null on rows written before this migration)
-- units:          the units the movement is about (a flash claim moves units inside a sale's pool: both deltas 0)
-- note:           the staff's own words for an adjustment (they were in reason before)
ALTER TABLE stock_movements
    ADD COLUMN reserved_delta int NOT NULL DEFAULT 0,
    ADD COLUMN reserved       int,
    ADD COLUMN units          int,
    ADD COLUMN reservation_id uuid,
    ADD COLUMN flash_sale_id  uuid,
    ADD COLUMN note           text;

-- Reasons are codes from here on; an adjustment's free text moves to note.
UPDATE stock_movements SET note = reason, reason = 'adjustment' WHERE reason NOT IN ('sale', 'return');
UPDATE stock_movements SET units = abs(delta);

-- The ledger is read in time order, for all variants or one (stock_movements_variant already serves one
-- variant newest first; a backward scan serves oldest first).
CREATE INDEX stock_movements_created ON stock_movements (created_at, id);
CREATE INDEX stock_movements_sale ON stock_movements (flash_sale_id, created_at) WHERE flash_sale_id IS NOT NULL;
-- Sell-through sums sales and returns per variant over a period.
CREATE INDEX stock_movements_sold ON stock_movements (created_at, variant_id) WHERE reason IN ('sale', 'return');
