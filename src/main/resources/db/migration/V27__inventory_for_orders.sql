-- A reference (e.g. a cancelled order) returns units of a variant to stock at most once.
CREATE UNIQUE INDEX stock_movements_return_once ON stock_movements (variant_id, reference) WHERE reason = 'return';

-- A flash-sale hold taken over by an order: its buyer can no longer release it, and checkout does not
-- take it over twice. Null while the hold is the buyer's alone.
ALTER TABLE stock_reservations ADD COLUMN claimed_by text;

-- A buyer's active holds, looked up at every checkout (during a sale there are thousands of others).
CREATE INDEX stock_reservations_owner_active ON stock_reservations (owner) WHERE status = 'ACTIVE';
