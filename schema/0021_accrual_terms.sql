-- 0021: the terms each accrual entry was booked on.
--
-- The day-count basis, compound interest and the court's interest come with each accrual call
-- rather than with the claim. Kept per entry, the latest accrual's terms are what a payment or
-- an award that accrues "as last accrued" uses, without the caller stating them again. Entries
-- booked before this migration have none (such a claim accrues on the defaults: ACT/360, no
-- compound or court interest). Append-only, like the journal.

CREATE TABLE accrual_terms (
  entry_id            bigint PRIMARY KEY REFERENCES journal_entries (entry_id),
  basis               text NOT NULL CHECK (basis IN ('act360', 'act365')),
  compound            boolean NOT NULL,
  -- The court's doubled-part interest: all three or none.
  court_judgment_debt numeric(20, 2) CHECK (court_judgment_debt > 0),
  court_due_date      date,
  court_daily_rate    numeric CHECK (court_daily_rate >= 0),
  CHECK ((court_judgment_debt IS NULL) = (court_due_date IS NULL)
     AND (court_judgment_debt IS NULL) = (court_daily_rate IS NULL))
);

CREATE TRIGGER accrual_terms_no_update_delete BEFORE UPDATE OR DELETE ON accrual_terms
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER accrual_terms_no_truncate BEFORE TRUNCATE ON accrual_terms
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON accrual_terms FROM disposal_app;
