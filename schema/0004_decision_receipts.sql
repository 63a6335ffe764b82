-- 0004: eligibility decision receipts, the audit log's own table for checks.
--
-- Partner systems check bidders at tens of thousands per second; each decision must be kept so
-- that an auditor can fetch it by id and replay it. A row here is one decision: a few columns to
-- read at a glance and the exact request and decision as serialized protos (proto3 wire format,
-- disposal.v1.CheckBidderEligibilityRequest and disposal.v1.EligibilityDecision). Kept apart
-- from audit_events so that its volume neither bloats the claim and disposal histories nor
-- costs a JSON parse per row. The server writes it with binary COPY.
CREATE TABLE eligibility_decisions (
  -- Version 7 (time-ordered) UUIDs: new rows land at the right edge of the index.
  decision_id      uuid PRIMARY KEY,
  decided_at       timestamptz NOT NULL,
  actor            text NOT NULL,
  disposal_id      uuid NOT NULL,
  -- The bidder's national ID or unified social credit code.
  bidder           text NOT NULL,
  outcome          text NOT NULL CHECK (outcome IN ('ELIGIBLE', 'INELIGIBLE', 'REVIEW')),
  registry_version bigint NOT NULL,
  request          bytea NOT NULL,
  decision         bytea NOT NULL
);

-- Receipts are history: nobody may change or remove them, whatever their privileges.
CREATE FUNCTION eligibility_decisions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'eligibility_decisions is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER eligibility_decisions_no_update_delete
  BEFORE UPDATE OR DELETE ON eligibility_decisions
  FOR EACH ROW EXECUTE FUNCTION eligibility_decisions_refuse_change();
CREATE TRIGGER eligibility_decisions_no_truncate BEFORE TRUNCATE ON eligibility_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION eligibility_decisions_refuse_change();
