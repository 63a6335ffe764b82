-- 0023: a penalty (违约金) fixed after the claim's ledger opened is booked.
--
-- A penalty known when a claim's books open is part of what was bought: the opening entry
-- debits the claim's penalty account against amc/acquisitions. One a court sets later (the seed
-- claim's is "to be set by the court") changes the claim through UpdateClaim; the same
-- transaction now books the difference as a 'penalty' entry, debiting (or crediting back) the
-- claim's penalty account against amc/interest_income.

ALTER TABLE journal_entries
  DROP CONSTRAINT journal_entries_kind_check,
  ADD CONSTRAINT journal_entries_kind_check CHECK (kind IN
    ('opening', 'accrual', 'outcome', 'payment', 'write_off', 'reversal', 'cost', 'penalty'));
