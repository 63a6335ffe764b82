-- 0042: three things anyone who may insert into the ledger could still write.
--
-- NaN. PostgreSQL's numeric takes 'NaN', even in numeric(20, 2), and orders it above every
-- number: it passed each "amount >= 0" and "> 0" check, and an entry of NaN against NaN
-- balanced. Once posted, a claim's running balance stayed NaN for good (NaN plus anything is
-- NaN, and booked rows never change): no payment, award or trial balance could be planned
-- again. Every numeric column of the schema now refuses NaN (money, rates, percentages);
-- a numeric column added later needs the same check.
--
-- An account's claim. A claim account's name holds its claim's id, and so does its row's
-- claim_id: the running balances go by the name, back-dated bookings sum by claim_id. A row
-- whose two disagreed (opened ahead of the server, under another claim's id) would have made
-- the two disagree for good (accounts are never changed). They must now be the same claim.
--
-- Reversals. An entry that names the entry it reverses makes that one reversed: an award so
-- named no longer counts as a sale, a payment no longer as paid, and only one entry may name
-- it. Any balanced entry could name any other: a 0.01 "reversal" between two AMC accounts
-- rescinded an award whose book value and receivable stayed on the books, and the real
-- rescission was then refused for good. A reversal must now mirror what it reverses (the same
-- accounts, tranches and amounts, sides swapped), on the same claim, and never reverse a
-- reversal. Checked at commit, when its postings are all in; entries that reverse nothing pay
-- nothing for it (the trigger's WHEN).
--
-- Re-appliable: constraints are added only where missing, functions replaced, triggers made
-- again.

DO $$
DECLARE
  col record;
  name text;
BEGIN
  FOR col IN
    SELECT c.table_name, c.column_name
      FROM information_schema.columns c
      JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = 'public' AND c.data_type = 'numeric' AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name, c.column_name
  LOOP
    name := left(col.table_name || '_' || col.column_name, 54) || '_not_nan';
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                    WHERE conrelid = format('public.%I', col.table_name)::regclass
                      AND conname = name) THEN
      EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I CHECK (%I <> ''NaN''::numeric)',
                     col.table_name, name, col.column_name);
    END IF;
  END LOOP;
END;
$$;

ALTER TABLE ledger_accounts DROP CONSTRAINT IF EXISTS ledger_accounts_claim_named;
ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_claim_named
  CHECK (claim_id IS NULL OR account LIKE 'claim/' || claim_id::text || '/%');

CREATE OR REPLACE FUNCTION journal_reversal_must_mirror() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  reversed journal_entries%ROWTYPE;
  unmatched int;
BEGIN
  SELECT * INTO reversed FROM journal_entries WHERE entry_id = NEW.reverses;
  IF reversed.kind = 'reversal' THEN
    RAISE EXCEPTION 'journal entry % reverses entry %, itself a reversal: book the entry again instead',
      NEW.entry_id, NEW.reverses USING ERRCODE = 'check_violation';
  END IF;
  IF reversed.claim_id IS DISTINCT FROM NEW.claim_id THEN
    RAISE EXCEPTION 'journal entry % reverses entry % of another claim (% against %)',
      NEW.entry_id, NEW.reverses, NEW.claim_id, reversed.claim_id
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT count(*) INTO unmatched FROM (
    (SELECT account, tranche, credit AS debit, debit AS credit
       FROM journal_postings WHERE entry_id = NEW.reverses
     EXCEPT ALL
     SELECT account, tranche, debit, credit FROM journal_postings WHERE entry_id = NEW.entry_id)
    UNION ALL
    (SELECT account, tranche, debit, credit FROM journal_postings WHERE entry_id = NEW.entry_id
     EXCEPT ALL
     SELECT account, tranche, credit, debit FROM journal_postings WHERE entry_id = NEW.reverses)
  ) AS differences;
  IF unmatched > 0 THEN
    RAISE EXCEPTION 'journal entry % does not mirror entry %, which it reverses: a reversal posts the same accounts, tranches and amounts on the other side',
      NEW.entry_id, NEW.reverses USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS journal_reversals_mirror ON journal_entries;
CREATE CONSTRAINT TRIGGER journal_reversals_mirror AFTER INSERT ON journal_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.reverses IS NOT NULL)
  EXECUTE FUNCTION journal_reversal_must_mirror();
