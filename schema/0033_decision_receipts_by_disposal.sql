-- 0033: an auditor lists the eligibility decisions made on one disposal
-- (ListEligibilityDecisions). Decision ids are time-ordered (version 7 UUIDs: to the
-- millisecond), so one index on the disposal and the id serves the listing in that order and
-- its pages (id > the last shown).
--
-- Built here with the table locked against writes: on a large receipts table the servers
-- still running would have their checks refused until it is built. For such a table, build it
-- beforehand, without the lock, and this migration then finds it:
--   CREATE INDEX CONCURRENTLY eligibility_decisions_disposal_idx
--     ON eligibility_decisions (disposal_id, decision_id);
CREATE INDEX IF NOT EXISTS eligibility_decisions_disposal_idx
  ON eligibility_decisions (disposal_id, decision_id);

-- A build CONCURRENTLY that failed leaves an invalid index of that name behind, which the
-- listings would never use: refuse it, so that it is dropped and built again.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_index
             WHERE indexrelid = 'eligibility_decisions_disposal_idx'::regclass
               AND NOT indisvalid) THEN
    RAISE EXCEPTION 'index eligibility_decisions_disposal_idx is invalid (a failed CREATE INDEX '
                    'CONCURRENTLY?): drop it and build it again';
  END IF;
END;
$$;
