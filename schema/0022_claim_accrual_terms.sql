-- 0022: a claim's own accrual terms (day-count basis, compound interest, the court's
-- doubled-part interest), from its loan contract or a judgment.
--
-- Until now each accrual call gave them, so a debtor's payment or an award could not safely
-- accrue the claim's interest first by default. A claim with a row here accrues on it: every
-- accrual uses these terms, and payments and awards accrue first. A claim without a row
-- accrues on the terms each call gives, as before.
--
-- The row is part of the claim: replaced with it on every update (like its tranches), and kept
-- in subject_history so that a claim read as of a past time shows the terms it had then.

CREATE TABLE claim_accrual_terms (
  claim_id            uuid PRIMARY KEY REFERENCES claims (id),
  basis               text NOT NULL CHECK (basis IN ('act360', 'act365')),
  compound            boolean NOT NULL,
  -- The court's doubled-part interest: all three or none.
  court_judgment_debt numeric(20, 2) CHECK (court_judgment_debt > 0),
  court_due_date      date,
  court_daily_rate    numeric CHECK (court_daily_rate >= 0),
  CHECK ((court_judgment_debt IS NULL) = (court_due_date IS NULL)
     AND (court_judgment_debt IS NULL) = (court_daily_rate IS NULL))
);

CREATE TRIGGER claim_accrual_terms_history_insert AFTER INSERT ON claim_accrual_terms
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION subject_history_record('claim_id', 'claim_id');
CREATE TRIGGER claim_accrual_terms_history_update AFTER UPDATE ON claim_accrual_terms
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION subject_history_record('claim_id', 'claim_id');
CREATE TRIGGER claim_accrual_terms_history_delete AFTER DELETE ON claim_accrual_terms
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION subject_history_record('claim_id', 'claim_id');
CREATE TRIGGER claim_accrual_terms_history_truncate BEFORE TRUNCATE ON claim_accrual_terms
  FOR EACH STATEMENT EXECUTE FUNCTION subject_history_record_truncate('claim_id');
