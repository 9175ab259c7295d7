-- Discounts on orders. A line's line_total_minor is now what the buyer pays for it before tax: its units at
-- the unit price, less its discount; tax, invoices, credit notes and refunds follow from that amount.
-- An order's discount_minor is its lines' discounts plus the shipping a free-shipping promotion took off.
ALTER TABLE order_lines ADD COLUMN discount_minor bigint NOT NULL DEFAULT 0 CHECK (discount_minor >= 0);
ALTER TABLE order_lines DROP CONSTRAINT order_lines_total;
ALTER TABLE order_lines ADD CONSTRAINT order_lines_total
    CHECK (line_total_minor = unit_price_minor * quantity - discount_minor);
ALTER TABLE orders ADD COLUMN discount_minor bigint NOT NULL DEFAULT 0 CHECK (discount_minor >= 0);
ALTER TABLE orders ADD COLUMN coupon_code text;
