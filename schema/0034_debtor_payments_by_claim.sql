-- 0034: a claim's debtor payments, latest first.
--
-- Every accrual, cost, penalty change and reversal reads the claim's latest debtor's payment
-- still standing (they are allocated on the balances of their dates, so nothing is booked
-- before it that would change that allocation, and only the latest is reversed). Without an
-- index on the claim that read scanned every payment of every claim. Buyers' payments are
-- found through their outcome (payments_outcome_idx) and are left out.
--
-- Built here with the table locked against writes, briefly on a payments table of any size
-- seen so far; for a large one, build it beforehand without the lock and this migration then
-- finds it:
--   CREATE INDEX CONCURRENTLY payments_debtor_claim_idx
--     ON payments (claim_id, received_date, entry_id) WHERE outcome_id IS NULL;
CREATE INDEX IF NOT EXISTS payments_debtor_claim_idx
  ON payments (claim_id, received_date, entry_id) WHERE outcome_id IS NULL;

-- A build CONCURRENTLY that failed leaves an invalid index of that name behind, which the
-- reads would never use: refuse it, so that it is dropped and built again.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_index
             WHERE indexrelid = 'payments_debtor_claim_idx'::regclass
               AND NOT indisvalid) THEN
    RAISE EXCEPTION 'index payments_debtor_claim_idx is invalid (a failed CREATE INDEX '
                    'CONCURRENTLY?): drop it and build it again';
  END IF;
END;
$$;
