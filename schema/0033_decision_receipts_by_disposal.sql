-- 0033: an auditor lists the eligibility decisions made on one disposal, oldest first
-- (ListEligibilityDecisions). Decision ids are time-ordered (version 7 UUIDs), so one index
-- on the disposal and the id serves the listing in time order and its pages (id > last shown).
CREATE INDEX eligibility_decisions_disposal_idx ON eligibility_decisions (disposal_id, decision_id);
