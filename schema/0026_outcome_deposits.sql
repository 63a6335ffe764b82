-- 0026: the deposit (保证金) each award's buyer paid.
--
-- The award's eligibility check already took the deposit paid (its ability-to-pay rule); it
-- is now kept with the outcome, so that a rescission cannot keep more of a defaulting buyer's
-- deposit than the buyer paid. NULL: the award did not state it (awards booked before this
-- migration, or on a disposal that asked for no deposit); the disposal's own deposit is then
-- the most a rescission may keep.

ALTER TABLE outcomes ADD COLUMN deposit_paid numeric(20, 2) CHECK (deposit_paid >= 0);
