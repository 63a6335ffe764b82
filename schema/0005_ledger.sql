-- 0005: the double-entry ledger: accounts, journal entries and their postings.
--
-- The database itself keeps the ledger honest, whatever the code above it does:
--   * every entry's postings balance (debits = credits) and number at least two, checked by
--     deferred constraint triggers at commit, so an entry and its postings go in together;
--   * booked rows are never updated or deleted (a mistake is corrected by a reversing entry);
--   * a client request id books at most one entry; its body's hash lets a retry with a
--     different body be refused rather than answered with the first result.
-- Amounts are NUMERIC(20,2) CNY, as everywhere else.

CREATE TABLE ledger_accounts (
  -- "claim/<uuid>/principal|interest|penalty|costs", "outcome/<uuid>/receivable",
  -- "amc/cash|interest_income|disposal_gain_loss|debt_relief|acquisitions" (acquisitions: the
  -- counterpart of the book value a claim enters the ledger with).
  account         text PRIMARY KEY CHECK (
                    account ~ '^claim/[0-9a-f-]{36}/(principal|interest|penalty|costs)$'
                    OR account ~ '^outcome/[0-9a-f-]{36}/receivable$'
                    OR account ~ '^amc/(cash|interest_income|disposal_gain_loss|debt_relief|acquisitions)$'),
  claim_id        uuid REFERENCES claims (id),
  opened_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((account LIKE 'claim/%') = (claim_id IS NOT NULL))
);

CREATE TABLE journal_entries (
  entry_id        bigserial PRIMARY KEY,
  -- The entry's own id, unique; derived from the client's request id when one call books
  -- several entries (an accrual books one per month: "<request id>/2021-07-31").
  request_id      text NOT NULL UNIQUE CHECK (length(request_id) BETWEEN 1 AND 200),
  -- The client's request id of the call that booked it: a retry finds and returns these.
  call_request_id text NOT NULL CHECK (length(call_request_id) BETWEEN 1 AND 100),
  request_hash    bytea NOT NULL CHECK (length(request_hash) = 32),  -- SHA-256 of the body
  kind            text NOT NULL CHECK (kind IN
                    ('opening', 'accrual', 'outcome', 'payment', 'write_off', 'reversal')),
  effective_date  date NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor           text NOT NULL,
  claim_id        uuid REFERENCES claims (id),
  -- Accruals: the period booked, (period_start, period_end]; calendar months, the last one
  -- ending on the date accrued through. At most one accrual per claim and period end.
  period_start    date,
  period_end      date,
  CHECK ((kind = 'accrual') = (period_end IS NOT NULL AND period_start IS NOT NULL)),
  CHECK (period_start < period_end),
  CHECK (kind <> 'accrual' OR claim_id IS NOT NULL),
  -- A reversal names the entry it reverses; an entry is reversed at most once.
  reverses        bigint UNIQUE REFERENCES journal_entries (entry_id)
                    CHECK ((kind = 'reversal') = (reverses IS NOT NULL)),
  memo            text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX journal_entries_one_accrual_per_period
  ON journal_entries (claim_id, period_end) WHERE kind = 'accrual';
CREATE INDEX journal_entries_claim_idx ON journal_entries (claim_id, effective_date);
CREATE INDEX journal_entries_call_idx ON journal_entries (call_request_id);

CREATE TABLE journal_postings (
  entry_id        bigint NOT NULL REFERENCES journal_entries (entry_id),
  line            smallint NOT NULL CHECK (line >= 1),
  account         text NOT NULL REFERENCES ledger_accounts (account),
  -- On a claim's account: the tranche (1-based) the amount concerns, so that a lot offering
  -- one tranche can be derecognised at that tranche's book value.
  tranche         smallint CHECK (tranche >= 1),
  debit           numeric(20, 2) NOT NULL DEFAULT 0 CHECK (debit >= 0),
  credit          numeric(20, 2) NOT NULL DEFAULT 0 CHECK (credit >= 0),
  CHECK ((debit > 0) <> (credit > 0)),  -- one side, never zero
  PRIMARY KEY (entry_id, line)
);
CREATE INDEX journal_postings_account_idx ON journal_postings (account, entry_id);

-- Balanced, at commit. Fired per posting (and per entry, for an entry left without postings);
-- an entry has a handful of postings, so summing them each time costs little.
CREATE FUNCTION journal_entry_must_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  debits  numeric;
  credits numeric;
  lines   int;
BEGIN
  SELECT coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*)
    INTO debits, credits, lines
    FROM journal_postings WHERE entry_id = NEW.entry_id;
  IF lines < 2 THEN
    RAISE EXCEPTION 'journal entry % has % posting(s); an entry needs at least two',
      NEW.entry_id, lines USING ERRCODE = 'check_violation';
  END IF;
  IF debits <> credits THEN
    RAISE EXCEPTION 'journal entry % does not balance: debits %, credits %',
      NEW.entry_id, debits, credits USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER journal_postings_balance AFTER INSERT ON journal_postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_must_balance();
CREATE CONSTRAINT TRIGGER journal_entries_balance AFTER INSERT ON journal_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_must_balance();

-- Booked rows are history.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused; book a reversing entry', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER journal_entries_no_update_delete BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER journal_postings_no_update_delete BEFORE UPDATE OR DELETE ON journal_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER journal_postings_no_truncate BEFORE TRUNCATE ON journal_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_accounts_no_update_delete BEFORE UPDATE OR DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
