-- 0040: what the tables' owner could still change in the ledger without a trace.
--
-- The instalment schedules of awards and the split of buyers' payments across them refused
-- UPDATE and DELETE row by row (0006), but TRUNCATE fires no row trigger: it emptied them,
-- and 0039 then refuses putting the rows back. They now refuse TRUNCATE, as their parents do.
--
-- claim_account_balances (0011) is what bookings plan from: allocation, the amount due, the
-- book value an award takes off. The server's role may only read it, but the owner could
-- rewrite it, and the next award or payment would be planned on figures no entry explains.
-- Only the postings' trigger may write it now (it runs one trigger level down); a direct
-- INSERT, UPDATE, DELETE or TRUNCATE is refused, the owner's too. A later migration that has
-- to rebuild the balances disables this trigger for its own transaction.
--
-- Re-appliable: functions are replaced and triggers made again.
DROP TRIGGER IF EXISTS outcome_instalments_no_truncate ON outcome_instalments;
CREATE TRIGGER outcome_instalments_no_truncate BEFORE TRUNCATE ON outcome_instalments
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
DROP TRIGGER IF EXISTS payment_instalments_no_truncate ON payment_instalments;
CREATE TRIGGER payment_instalments_no_truncate BEFORE TRUNCATE ON payment_instalments
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Statement-level, so that a booking pays for one call per statement, not one per row.
CREATE OR REPLACE FUNCTION claim_balances_written_by_postings_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'claim_account_balances is kept by the postings'' trigger: % refused; book '
                    'an entry', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS claim_balances_written_by_postings_only ON claim_account_balances;
CREATE TRIGGER claim_balances_written_by_postings_only
  BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON claim_account_balances
  FOR EACH STATEMENT EXECUTE FUNCTION claim_balances_written_by_postings_only();
