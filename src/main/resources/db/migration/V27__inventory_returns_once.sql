-- A reference (e.g. a cancelled order) returns units of a variant to stock at most once.
CREATE UNIQUE INDEX stock_movements_return_once ON stock_movements (variant_id, reference) WHERE reason = 'return';
