-- 0017: which accrual entries compounded interest on overdue interest.
--
-- Compound interest is asked for with each accrual. A payment of interest recorded after the
-- periods it falls in were accrued is corrected by the next accrual that compounds; one that
-- does not would leave the over-accrued compound interest standing. The service refuses such
-- an accrual while the correction is due, and needs to know which periods compounded. Entries
-- booked before this migration are not listed (their terms were not kept). Append-only, like
-- the journal.

CREATE TABLE accrual_compounding (
  entry_id bigint PRIMARY KEY REFERENCES journal_entries (entry_id)
);

CREATE TRIGGER accrual_compounding_no_update_delete BEFORE UPDATE OR DELETE ON accrual_compounding
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER accrual_compounding_no_truncate BEFORE TRUNCATE ON accrual_compounding
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON accrual_compounding FROM disposal_app;
