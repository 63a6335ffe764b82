-- 0013: an award can be rescinded (the buyer defaults, or the award was booked in error) and
-- its lot awarded again.
--
-- Rescinding is reversing the award's journal entry: the lot's balances come back on the
-- claim's books, and an outcome whose entry has been reversed no longer counts as a sale. No
-- flag is kept beside the journal, so the two can never disagree; outcomes stay append-only.
--
-- A lot therefore may have several outcomes over time, at most one of them standing. Each
-- award of a lot takes the next award_number, and (lot_id, award_number) is unique: two racing
-- awards of one lot read the same count and only one of them can insert, the database's own
-- guarantee as before, when lot_id alone was unique.

ALTER TABLE outcomes
  ADD COLUMN award_number smallint NOT NULL DEFAULT 1 CHECK (award_number >= 1);
ALTER TABLE outcomes DROP CONSTRAINT outcomes_lot_id_key;
ALTER TABLE outcomes ADD CONSTRAINT outcomes_lot_award_key UNIQUE (lot_id, award_number);
ALTER TABLE outcomes ALTER COLUMN award_number DROP DEFAULT;
