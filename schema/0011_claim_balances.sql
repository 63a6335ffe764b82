-- 0011: what makes a booking cost the same on the claim's ten-thousandth entry as on its first,
-- and lets concurrent bookings proceed side by side. Nothing about what is booked changes.
--
-- claim_account_balances: each claim account's running balance (debits minus credits) per
-- tranche, and the latest effective date among the postings it sums. The database keeps it on
-- every insert into journal_postings (journal rows are never changed or removed, so adding is
-- all there is to do). A booking effective on or after every row's latest_effective reads its
-- balances here; an earlier (back-dated) one sums the postings as before. Only claim accounts
-- are kept: each is booked under its claim's lock, so the rows are never contended across
-- claims (a shared account such as amc/cash would make every booking wait for the one before).

CREATE TABLE claim_account_balances (
  claim_id         uuid NOT NULL,
  account          text NOT NULL,
  tranche          smallint NOT NULL CHECK (tranche >= 0),  -- 0: not tranche-specific
  balance          numeric(20, 2) NOT NULL,
  latest_effective date NOT NULL,
  PRIMARY KEY (claim_id, account, tranche)
);

-- journal_postings.account named its ledger_accounts row through a foreign key. A foreign key
-- check locks the row it finds (FOR KEY SHARE), and every payment posts to amc/cash: each booking
-- wrote a lock onto that one row, and concurrent bookings queued on it. ledger_accounts rows
-- are never changed or removed (triggers refuse it), so a check that only looks is as strong;
-- it is made below, after each statement, where the accounts that statement opened are seen.
ALTER TABLE journal_postings DROP CONSTRAINT journal_postings_account_fkey;
CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
REVOKE TRUNCATE ON ledger_accounts FROM disposal_app;

-- After each statement that inserts postings: every posting's account is open, and the claim
-- accounts' running balances move. Entry by entry (a statement normally inserts one entry's
-- postings), so that the entry's date is one primary-key lookup. Index scans are forced: the
-- plans here are made once per session and kept, and a plan made while journal_entries was
-- small (a sequential scan) would get slower with every entry booked after it.
CREATE FUNCTION journal_postings_after_insert() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp SET enable_seqscan = off AS $$
DECLARE
  unopened     text;
  posted_entry bigint;
  effective    date;
BEGIN
  SELECT p.account INTO unopened FROM new_postings p
    WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.account = p.account) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal posting to account %, which is not open', unopened
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  FOR posted_entry IN SELECT DISTINCT entry_id FROM new_postings WHERE account LIKE 'claim/%' LOOP
    SELECT e.effective_date INTO effective FROM journal_entries e WHERE e.entry_id = posted_entry;
    INSERT INTO claim_account_balances AS b (claim_id, account, tranche, balance, latest_effective)
      SELECT substr(p.account, 7, 36)::uuid, p.account, coalesce(p.tranche, 0),
             sum(p.debit - p.credit), effective
        FROM new_postings p
        WHERE p.entry_id = posted_entry AND p.account LIKE 'claim/%'
        GROUP BY p.account, coalesce(p.tranche, 0)
    ON CONFLICT (claim_id, account, tranche) DO UPDATE
      SET balance = b.balance + EXCLUDED.balance,
          latest_effective = greatest(b.latest_effective, EXCLUDED.latest_effective);
  END LOOP;
  RETURN NULL;
END;
$$;

-- Created before the back-fill and holding its lock until this migration commits: a posting is
-- either summed below or added by the trigger, never both, never neither.
CREATE TRIGGER journal_postings_after_insert AFTER INSERT ON journal_postings
  REFERENCING NEW TABLE AS new_postings
  FOR EACH STATEMENT EXECUTE FUNCTION journal_postings_after_insert();

INSERT INTO claim_account_balances (claim_id, account, tranche, balance, latest_effective)
  SELECT substr(p.account, 7, 36)::uuid, p.account, coalesce(p.tranche, 0),
         sum(p.debit - p.credit), max(e.effective_date)
    FROM journal_postings p JOIN journal_entries e USING (entry_id)
    WHERE p.account LIKE 'claim/%'
    GROUP BY p.account, coalesce(p.tranche, 0);

-- The server reads the balances; only the trigger (as the owner) writes them.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON claim_account_balances FROM disposal_app;

-- "Is the claim's ledger opened?" without walking the claim's entries.
CREATE INDEX journal_entries_opening_idx ON journal_entries (claim_id) WHERE kind = 'opening';
