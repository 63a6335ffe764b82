-- 0025: ListOutcomes pages a disposal's or a claim's outcomes by their award entry's id; these
-- indexes answer each page with one range scan that stops after the page.

CREATE INDEX outcomes_disposal_entry_idx ON outcomes (disposal_id, entry_id);
CREATE INDEX outcomes_claim_entry_idx ON outcomes (claim_id, entry_id);
-- The claim's composite index serves every lookup by claim alone too.
DROP INDEX outcomes_claim_idx;
