-- A provider that could not be asked during a reconciliation run is recorded as a finding of the run, so a
-- run never reads "0 mismatches" when it compared nothing for that provider.
ALTER TABLE payment_mismatches DROP CONSTRAINT payment_mismatches_kind_check;
ALTER TABLE payment_mismatches ADD CONSTRAINT payment_mismatches_kind_check CHECK (kind IN ('MISSING_HERE',
    'MISSING_AT_PROVIDER', 'AMOUNT_DIFFERS', 'STATUS_DIFFERS', 'PROVIDER_UNREACHABLE'));
