-- 0035: postings are written with their entry, never added to an entry booked before.
--
-- The balance check at commit (0005) let a balanced pair of postings through when it was
-- added to an entry booked in an earlier transaction: last year's entry could gain a debit to
-- cash and a credit to income, both sides equal, and the books would still balance. The
-- server writes an entry and all its postings in one statement, so their rows carry the same
-- inserting transaction (xmin); a posting whose xmin is not its entry's was added later, by
-- someone else, and is refused at commit like an unbalanced entry.
--
-- The function now names its search path, temporary schema last: a session could otherwise
-- make a temporary journal_entries (or journal_postings) that the checks would read instead.
CREATE OR REPLACE FUNCTION journal_entry_must_balance() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  debits  numeric;
  credits numeric;
  lines   int;
  with_it boolean;
BEGIN
  SELECT coalesce(sum(p.debit), 0), coalesce(sum(p.credit), 0), count(*),
         coalesce(bool_and(p.xmin = e.xmin), true)
    INTO debits, credits, lines, with_it
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
  RETURN NULL;
END;
$$;
