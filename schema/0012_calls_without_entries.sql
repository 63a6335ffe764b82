-- 0012: a ledger call that books nothing still uses up its request id.
--
-- An accrual with nothing to accrue (a claim paid off, a month already accrued) books no entry,
-- so journal_entries kept no trace of its request id, and the same id could later be sent with
-- another body and be booked. Such a call now leaves a row here, in the transaction that found
-- nothing to book: a retry gets the first answer again (the claim's accrued-through date then),
-- the same id with another body is refused, on any ledger call. Append-only, like the journal.

CREATE TABLE ledger_calls_without_entries (
  call_request_id text PRIMARY KEY CHECK (length(call_request_id) BETWEEN 1 AND 100),
  request_hash    bytea NOT NULL CHECK (length(request_hash) = 32),  -- SHA-256 of the body
  claim_id        uuid NOT NULL REFERENCES claims (id),
  accrued_through date,  -- the claim's, when the call was answered
  recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor           text NOT NULL
);

CREATE TRIGGER ledger_calls_without_entries_no_update_delete
  BEFORE UPDATE OR DELETE ON ledger_calls_without_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_calls_without_entries_no_truncate
  BEFORE TRUNCATE ON ledger_calls_without_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_calls_without_entries FROM disposal_app;
