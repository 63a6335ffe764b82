-- 0024: a defaulting buyer's deposit (保证金) kept by the AMC.
--
-- An award is rescinded when its buyer defaults (RescindOutcome). The deposit the buyer paid
-- to bid is then forfeited rather than refunded; the rescission now books it in the same
-- transaction as a 'forfeiture' entry: amc/cash debited, amc/forfeited_deposits (income)
-- credited, on the entry's claim so that the claim's history shows it. The entry shares the
-- rescission's call request id, which is how an outcome finds its forfeiture.

ALTER TABLE ledger_accounts
  DROP CONSTRAINT ledger_accounts_account_check,
  ADD CONSTRAINT ledger_accounts_account_check CHECK (
    account ~ '^claim/[0-9a-f-]{36}/(principal|interest|penalty|costs)$'
    OR account ~ '^outcome/[0-9a-f-]{36}/receivable$'
    OR account ~ '^amc/(cash|interest_income|disposal_gain_loss|debt_relief|acquisitions|forfeited_deposits)$');

ALTER TABLE journal_entries
  DROP CONSTRAINT journal_entries_kind_check,
  ADD CONSTRAINT journal_entries_kind_check CHECK (kind IN
    ('opening', 'accrual', 'outcome', 'payment', 'write_off', 'reversal', 'cost', 'penalty',
     'forfeiture'));
