-- 0039: the rows that say what an entry was are written with it, never added to one booked
-- before.
--
-- 0035 holds postings to their entry's transaction. The other rows hung on an entry say what
-- it was, and the service believes them: a payment row makes an entry a payment (counted
-- towards an outcome's instalments, settling its disposal), an outcome row makes it an award,
-- an accrual's terms and compounding decide what the next accrual or award may do, and an
-- outcome's instalments are its schedule. Added later to an entry (or outcome) booked in an
-- earlier transaction, by anyone who may insert, each would change the meaning of history
-- that balances as it did. The server writes each with its entry (or outcome), in one
-- transaction without savepoints, so the rows carry the same inserting transaction (xmin);
-- one that does not is refused at commit. Even the tables' owner is refused; restoring a dump
-- needs triggers disabled, as for 0035.
CREATE OR REPLACE FUNCTION ledger_row_with_its_entry() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  with_it boolean;
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'payments' THEN
      SELECT r.xmin = e.xmin INTO with_it FROM payments r
        JOIN journal_entries e USING (entry_id) WHERE r.entry_id = NEW.entry_id;
    WHEN 'accrual_terms' THEN
      SELECT r.xmin = e.xmin INTO with_it FROM accrual_terms r
        JOIN journal_entries e USING (entry_id) WHERE r.entry_id = NEW.entry_id;
    WHEN 'accrual_compounding' THEN
      SELECT r.xmin = e.xmin INTO with_it FROM accrual_compounding r
        JOIN journal_entries e USING (entry_id) WHERE r.entry_id = NEW.entry_id;
    WHEN 'outcomes' THEN
      SELECT r.xmin = e.xmin INTO with_it FROM outcomes r
        JOIN journal_entries e USING (entry_id) WHERE r.id = NEW.id;
    WHEN 'outcome_instalments' THEN
      SELECT r.xmin = o.xmin INTO with_it FROM outcome_instalments r
        JOIN outcomes o ON o.id = r.outcome_id
        WHERE r.outcome_id = NEW.outcome_id AND r.number = NEW.number;
    WHEN 'payment_instalments' THEN
      SELECT r.xmin = p.xmin INTO with_it FROM payment_instalments r
        JOIN payments p USING (entry_id) WHERE r.entry_id = NEW.entry_id AND r.number = NEW.number;
  END CASE;
  IF NOT coalesce(with_it, false) THEN
    RAISE EXCEPTION '% row for entry or outcome % was not written with it: nothing may be added to what was booked in an earlier transaction',
      TG_TABLE_NAME, coalesce(to_jsonb(NEW) ->> 'entry_id', to_jsonb(NEW) ->> 'outcome_id', to_jsonb(NEW) ->> 'id')
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;

-- Written to be applied again safely (OR REPLACE, IF EXISTS).
DROP TRIGGER IF EXISTS payments_with_their_entry ON payments;
DROP TRIGGER IF EXISTS accrual_terms_with_their_entry ON accrual_terms;
DROP TRIGGER IF EXISTS accrual_compounding_with_its_entry ON accrual_compounding;
DROP TRIGGER IF EXISTS outcomes_with_their_entry ON outcomes;
DROP TRIGGER IF EXISTS outcome_instalments_with_their_outcome ON outcome_instalments;
DROP TRIGGER IF EXISTS payment_instalments_with_their_payment ON payment_instalments;
CREATE CONSTRAINT TRIGGER payments_with_their_entry AFTER INSERT ON payments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_row_with_its_entry();
CREATE CONSTRAINT TRIGGER accrual_terms_with_their_entry AFTER INSERT ON accrual_terms
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_row_with_its_entry();
CREATE CONSTRAINT TRIGGER accrual_compounding_with_its_entry AFTER INSERT ON accrual_compounding
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_row_with_its_entry();
CREATE CONSTRAINT TRIGGER outcomes_with_their_entry AFTER INSERT ON outcomes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_row_with_its_entry();
CREATE CONSTRAINT TRIGGER outcome_instalments_with_their_outcome AFTER INSERT
  ON outcome_instalments DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  EXECUTE FUNCTION ledger_row_with_its_entry();
CREATE CONSTRAINT TRIGGER payment_instalments_with_their_payment AFTER INSERT
  ON payment_instalments DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  EXECUTE FUNCTION ledger_row_with_its_entry();
