-- 0006: disposal outcomes, their payment plans, and payments received, each booked through
-- the ledger (0005) in the same transaction. History: rows are never changed or removed.

CREATE TABLE outcomes (
  id              uuid PRIMARY KEY,
  disposal_id     uuid NOT NULL REFERENCES disposals (id),
  -- Each lot gets at most one outcome: two simultaneous awards of one lot cannot both land.
  lot_id          uuid NOT NULL UNIQUE REFERENCES disposal_lots (id),
  claim_id        uuid NOT NULL REFERENCES claims (id),
  tranche_number  int CHECK (tranche_number >= 1),  -- the lot offers one tranche; NULL: the claim
  method          text NOT NULL CHECK (method IN ('debt_reduction', 'agreement_transfer',
                    'auction', 'invitation_to_offer', 'separate_listing', 'other')),
  buyer_kind      text NOT NULL CHECK (buyer_kind IN ('person', 'organization')),
  buyer_name      text NOT NULL,
  buyer_identifier text NOT NULL,
  price           numeric(20, 2) NOT NULL CHECK (price > 0),
  -- What was derecognised: the lot's balances on the claim's accounts at the award date.
  book_value      numeric(20, 2) NOT NULL CHECK (book_value >= 0),
  award_date      date NOT NULL,
  -- The buyer's eligibility check at award time (eligibility_decisions.decision_id).
  eligibility_decision_id uuid NOT NULL,
  entry_id        bigint NOT NULL UNIQUE REFERENCES journal_entries (entry_id),
  recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX outcomes_claim_idx ON outcomes (claim_id);

CREATE TABLE outcome_instalments (
  outcome_id      uuid NOT NULL REFERENCES outcomes (id),
  number          int NOT NULL CHECK (number >= 1),
  due_date        date NOT NULL,
  amount          numeric(20, 2) NOT NULL CHECK (amount > 0),
  PRIMARY KEY (outcome_id, number)
);

CREATE TABLE payments (
  entry_id        bigint PRIMARY KEY REFERENCES journal_entries (entry_id),
  -- A buyer's payment names its outcome; a debtor's names only the claim.
  outcome_id      uuid REFERENCES outcomes (id),
  claim_id        uuid NOT NULL REFERENCES claims (id),
  amount          numeric(20, 2) NOT NULL CHECK (amount > 0),
  received_date   date NOT NULL
);
CREATE INDEX payments_outcome_idx ON payments (outcome_id);

-- How a buyer's payment was applied to the instalments, earliest due first.
CREATE TABLE payment_instalments (
  entry_id        bigint NOT NULL REFERENCES payments (entry_id),
  outcome_id      uuid NOT NULL,
  number          int NOT NULL,
  amount          numeric(20, 2) NOT NULL CHECK (amount > 0),
  PRIMARY KEY (entry_id, number),
  FOREIGN KEY (outcome_id, number) REFERENCES outcome_instalments (outcome_id, number)
);

CREATE TRIGGER outcomes_no_update_delete BEFORE UPDATE OR DELETE ON outcomes
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER outcome_instalments_no_update_delete BEFORE UPDATE OR DELETE
  ON outcome_instalments FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER payments_no_update_delete BEFORE UPDATE OR DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER payment_instalments_no_update_delete BEFORE UPDATE OR DELETE
  ON payment_instalments FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER outcomes_no_truncate BEFORE TRUNCATE ON outcomes
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER payments_no_truncate BEFORE TRUNCATE ON payments
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
