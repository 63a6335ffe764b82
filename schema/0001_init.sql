-- 0001: the claims registry, idempotency keys and the append-only audit log.
-- Money is NUMERIC(20,2): exact, to the fen. Totals are never stored: they are derived.

CREATE TABLE claims (
  id              uuid PRIMARY KEY,
  version         bigint NOT NULL CHECK (version >= 1),
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  status          text NOT NULL CHECK (status IN ('held', 'in_disposal', 'disposed', 'settled', 'written_off')),
  currency_code   char(3) NOT NULL CHECK (currency_code = 'CNY'),
  -- The debtor and the holder are parties: a natural person (national ID) or an organisation
  -- (unified social credit code).
  debtor_kind     text NOT NULL CHECK (debtor_kind IN ('person', 'organization')),
  debtor_name     text NOT NULL,
  debtor_identifier text NOT NULL,
  debtor_financial_institution boolean NOT NULL DEFAULT false,
  debtor_state_owned boolean NOT NULL DEFAULT false,
  holder_name     text NOT NULL,
  holder_identifier text NOT NULL,
  holder_financial_institution boolean NOT NULL DEFAULT false,
  holder_state_owned boolean NOT NULL DEFAULT false,
  -- The penalty is either unliquidated (to be set by a court; basis says why) or a known amount.
  penalty_unliquidated boolean NOT NULL,
  penalty_basis   text NOT NULL DEFAULT '',
  penalty_amount  numeric(20, 2) CHECK (penalty_amount >= 0),
  create_time     timestamptz NOT NULL DEFAULT now(),
  update_time     timestamptz NOT NULL DEFAULT now(),
  CHECK (penalty_unliquidated = (penalty_amount IS NULL))
);
CREATE INDEX claims_debtor_identifier_idx ON claims (debtor_identifier);
CREATE INDEX claims_status_idx ON claims (status);
-- Pagination walks (create_time, id) downwards.
CREATE INDEX claims_page_idx ON claims (create_time DESC, id DESC);

CREATE TABLE claim_tranches (
  claim_id        uuid NOT NULL REFERENCES claims (id),
  position        int NOT NULL CHECK (position >= 0),
  original_creditor text NOT NULL,
  original_creditor_current_name text NOT NULL DEFAULT '',
  principal       numeric(20, 2) NOT NULL CHECK (principal >= 0),
  interest        numeric(20, 2) NOT NULL CHECK (interest >= 0),
  interest_cutoff_date date NOT NULL,
  contract_rate   numeric(20, 12),
  penalty_rate    numeric(20, 12),
  contract_reference text NOT NULL DEFAULT '',
  PRIMARY KEY (claim_id, position)
);

CREATE TABLE claim_collateral (
  claim_id        uuid NOT NULL REFERENCES claims (id),
  position        int NOT NULL CHECK (position >= 0),
  kind            text NOT NULL,
  description     text NOT NULL,
  location        text NOT NULL DEFAULT '',
  appraised_value numeric(20, 2) CHECK (appraised_value >= 0),
  lien_rank       int NOT NULL CHECK (lien_rank BETWEEN 1 AND 99),
  PRIMARY KEY (claim_id, position)
);

CREATE TABLE claim_encumbrances (
  claim_id        uuid NOT NULL,
  collateral_position int NOT NULL,
  position        int NOT NULL CHECK (position >= 0),
  kind            text NOT NULL CHECK (kind IN ('seized', 'taken_in_payment', 'occupied')),
  note            text NOT NULL DEFAULT '',
  arose_date      date,
  PRIMARY KEY (claim_id, collateral_position, position),
  FOREIGN KEY (claim_id, collateral_position) REFERENCES claim_collateral (claim_id, position)
);

CREATE TABLE claim_guarantees (
  claim_id        uuid NOT NULL REFERENCES claims (id),
  position        int NOT NULL CHECK (position >= 0),
  guarantor_kind  text NOT NULL CHECK (guarantor_kind IN ('person', 'organization')),
  guarantor_name  text NOT NULL,
  guarantor_identifier text NOT NULL,
  guarantor_financial_institution boolean NOT NULL DEFAULT false,
  guarantor_state_owned boolean NOT NULL DEFAULT false,
  liability       text NOT NULL CHECK (liability IN ('joint_and_several', 'general')),
  scope           text NOT NULL DEFAULT '',
  term            text NOT NULL DEFAULT '',
  PRIMARY KEY (claim_id, position)
);
CREATE INDEX claim_guarantees_identifier_idx ON claim_guarantees (guarantor_identifier);

CREATE TABLE claim_pledges (
  claim_id        uuid NOT NULL REFERENCES claims (id),
  position        int NOT NULL CHECK (position >= 0),
  subject         text NOT NULL,
  pledgor_kind    text CHECK (pledgor_kind IN ('person', 'organization')),
  pledgor_name    text,
  pledgor_identifier text,
  pledgor_financial_institution boolean NOT NULL DEFAULT false,
  pledgor_state_owned boolean NOT NULL DEFAULT false,
  PRIMARY KEY (claim_id, position)
);

CREATE TABLE claim_litigation (
  claim_id        uuid NOT NULL REFERENCES claims (id),
  position        int NOT NULL CHECK (position >= 0),
  court           text NOT NULL,
  case_number     text NOT NULL DEFAULT '',
  stage           text NOT NULL CHECK (stage IN ('filed', 'in_trial', 'judged', 'enforcement', 'closed')),
  PRIMARY KEY (claim_id, position)
);

-- A client request id makes a mutating RPC safe to retry: the first call records the hash of
-- its body and the resource it produced; a retry with the same body gets that resource back.
CREATE TABLE request_keys (
  request_id      text PRIMARY KEY CHECK (length(request_id) BETWEEN 1 AND 100),
  rpc             text NOT NULL,
  body_sha256     text NOT NULL,
  resource_id     uuid NOT NULL,
  create_time     timestamptz NOT NULL DEFAULT now()
);

-- The audit log: one row per successful change, written in the change's own transaction.
CREATE TABLE audit_events (
  seq             bigserial PRIMARY KEY,
  event_time      timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor           text NOT NULL,
  rpc             text NOT NULL,
  request_id      text NOT NULL DEFAULT '',
  subject_kind    text NOT NULL,
  subject_id      uuid NOT NULL,
  subject_version bigint NOT NULL,
  payload         jsonb NOT NULL
);
CREATE INDEX audit_events_subject_idx ON audit_events (subject_kind, subject_id, seq);

-- Events are history: nobody may change or remove them, whatever their privileges on the table.
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
