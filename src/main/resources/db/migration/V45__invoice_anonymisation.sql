-- Invoices and credit notes are kept for the legal retention period after their buyer's account is erased, with
-- the buyer's name, email and addresses replaced in the stored document; the PDF is dropped and rendered again
-- from the anonymised document when next asked for. Number, series, amounts and lines never change.
ALTER TABLE invoices ADD COLUMN anonymised_at timestamptz;
ALTER TABLE credit_notes ADD COLUMN anonymised_at timestamptz;
