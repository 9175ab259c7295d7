-- A checkout writes its order (with order_reservations) before its stock reservation's rows: those are written by
-- the statement that takes the units, the transaction's last, so one statement fewer per order (StockReservations).
-- The reference to stock_reservations is therefore checked at the commit, when both are there.
ALTER TABLE order_reservations
    ALTER CONSTRAINT order_reservations_reservation_id_fkey DEFERRABLE INITIALLY DEFERRED;
