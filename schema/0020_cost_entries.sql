-- 0020: costs the AMC advances to enforce a claim (实现债权的有关费用: court fees, preservation,
-- appraisal, auction commission) are booked as their own kind of entry, debiting the claim's
-- costs account against cash. Art. 561 of the Civil Code pays them before interest and
-- principal, so a debtor's payment must find them on the books.

ALTER TABLE journal_entries
  DROP CONSTRAINT journal_entries_kind_check,
  ADD CONSTRAINT journal_entries_kind_check CHECK (kind IN
    ('opening', 'accrual', 'outcome', 'payment', 'write_off', 'reversal', 'cost'));
