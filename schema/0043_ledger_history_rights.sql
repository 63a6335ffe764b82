-- 0043: the server's role may not change or remove the ledger's booked rows at all.
--
-- 0007 granted disposal_app every right on every table and took UPDATE and DELETE back from
-- the journal's entries and postings only: outcomes, their instalment schedules, payments,
-- payments' instalment allocations and the accounts stayed append-only by their row triggers
-- alone (0005, 0006), which anything that switches triggers off (a migration's
-- session_replication_role, a DISABLE TRIGGER) would open to the server. The one row of
-- calendar_revision only moves forward (its trigger, 0036); removing it is refused here too.
-- REVOKE is idempotent, so this may be applied again.
REVOKE UPDATE, DELETE, TRUNCATE
  ON outcomes, outcome_instalments, payments, payment_instalments, ledger_accounts
  FROM disposal_app;
REVOKE DELETE, TRUNCATE ON calendar_revision FROM disposal_app;
