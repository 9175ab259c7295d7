-- The expression index of V20 changed with every reservation, which ruled out HOT updates of the
-- hottest rows for the sake of an admin report that scans anyway.
DROP INDEX IF EXISTS inventory_stock_low;
-- Deleting a variant checks its reservation lines.
CREATE INDEX stock_reservation_lines_variant ON stock_reservation_lines (variant_id);
