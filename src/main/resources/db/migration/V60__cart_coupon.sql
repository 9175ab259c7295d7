-- A signed-in cart's coupon code is written behind with its lines, so that it survives the loss of the
-- cart in Redis (restored with the cart) like the lines do. Codes are normalised (upper case, trimmed)
-- before they reach the cart; the promotions module owns what a code means.
ALTER TABLE carts ADD COLUMN coupon_code text CHECK (coupon_code IS NULL OR length(coupon_code) BETWEEN 1 AND 64);
