-- 0038: a journal entry's and an outcome's recorded_at is the moment it was written.
--
-- Reads as of a past time (claim statements, trial balances, disposals' sales) take what was
-- recorded by then; the column had a default (clock_timestamp()) but nothing stopped a writer
-- from stamping a row with another time: an entry stamped last year would show in an auditor's
-- trial balance as of last year, and one stamped next year would hide from every read as of now.
-- A stamp must fall inside its own transaction: not before it began, not after the check.
--
-- For entries the check rides on the balance check at commit (0005, 0035), which runs for each
-- entry anyway; outcomes (rare) get a row trigger of their own. Both refuse even the tables'
-- owner; restoring a dump needs triggers disabled, as the balance check's (0035) already does.
CREATE OR REPLACE FUNCTION journal_entry_must_balance() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  debits   numeric;
  credits  numeric;
  lines    int;
  with_it  boolean;
  stamped  timestamptz;
BEGIN
  SELECT coalesce(sum(p.debit), 0), coalesce(sum(p.credit), 0), count(*),
         coalesce(bool_and(p.xmin = e.xmin), true), min(e.recorded_at)
    INTO debits, credits, lines, with_it, stamped
    FROM journal_postings p JOIN journal_entries e USING (entry_id)
    WHERE p.entry_id = NEW.entry_id;
  IF lines < 2 THEN
    RAISE EXCEPTION 'journal entry % has % posting(s); an entry needs at least two',
      NEW.entry_id, lines USING ERRCODE = 'check_violation';
  END IF;
  IF debits <> credits THEN
    RAISE EXCEPTION 'journal entry % does not balance: debits %, credits %',
      NEW.entry_id, debits, credits USING ERRCODE = 'check_violation';
  END IF;
  IF NOT with_it THEN
    RAISE EXCEPTION 'journal entry % was booked in an earlier transaction: no posting may be added to it',
      NEW.entry_id USING ERRCODE = 'check_violation';
  END IF;
  IF stamped < transaction_timestamp() OR stamped > clock_timestamp() THEN
    RAISE EXCEPTION 'journal entry % is stamped %, outside the transaction writing it: recorded_at is the moment of writing',
      NEW.entry_id, stamped USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION outcome_stamped_now() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.recorded_at < transaction_timestamp() OR NEW.recorded_at > clock_timestamp() THEN
    RAISE EXCEPTION 'outcome % is stamped %, outside the transaction writing it: recorded_at is the moment of writing',
      NEW.id, NEW.recorded_at USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS outcomes_stamped_now ON outcomes;
CREATE TRIGGER outcomes_stamped_now BEFORE INSERT ON outcomes
  FOR EACH ROW EXECUTE FUNCTION outcome_stamped_now();
