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
