-- 0037: the audit chain's tables refuse, even to their owner, what audit_append() never does.
--
-- The server's role has no right to write audit_events or audit_heads (0007); their owner has.
-- Verification catches an event altered, removed or inserted out of line, but not two things
-- the owner could still do with plain DML: rewind a chain's head after its last events were
-- removed (the shorter chain then verifies), and append a correctly linked event with a time in
-- the past (backdated history verifies). Both are refused now, so that only DDL (disabling a
-- trigger) or a superuser's session setting could do them, each leaving its own trace.
--
-- And a line feed in a field an event is hashed by (actor, role, token, method, request id,
-- kind) made the event unverifiable, and with it every check of the chain past it: refused.

CREATE OR REPLACE FUNCTION audit_events_insert_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  head audit_heads;
BEGIN
  IF strpos(NEW.actor, E'\n') > 0 OR strpos(NEW.role, E'\n') > 0
     OR strpos(NEW.token_id, E'\n') > 0 OR strpos(NEW.rpc, E'\n') > 0
     OR strpos(NEW.request_id, E'\n') > 0 OR strpos(NEW.subject_kind, E'\n') > 0 THEN
    RAISE EXCEPTION 'audit event refused: a field it is hashed by holds a line feed'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- audit_append() stamps the event after the statement calling it began.
  IF NEW.event_time < statement_timestamp() OR NEW.event_time > clock_timestamp() THEN
    RAISE EXCEPTION 'audit event refused: its time % is not now (appended through audit_append(), never backdated)',
      NEW.event_time USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- audit_link() has just moved the head onto the event.
  SELECT * INTO head FROM audit_heads
    WHERE subject_kind = NEW.subject_kind AND subject_id = NEW.subject_id;
  IF NOT FOUND OR head.chain_seq <> NEW.chain_seq OR head.hash <> NEW.hash THEN
    RAISE EXCEPTION 'audit event refused: it is not the head of its chain (appended through audit_append())'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE TRIGGER audit_events_insert_guard BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_insert_guard();

-- A head starts at position 0 and moves forward by one event at a time, on its own chain.
CREATE OR REPLACE FUNCTION audit_heads_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.chain_seq = 0 AND NEW.hash = decode(repeat('00', 32), 'hex') THEN
      RETURN NEW;
    END IF;
  ELSIF NEW.subject_kind = OLD.subject_kind AND NEW.subject_id = OLD.subject_id
        AND NEW.chain_seq = OLD.chain_seq + 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_heads: a head starts at 0 and moves forward one event at a time (% refused)',
    TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE OR REPLACE TRIGGER audit_heads_guard BEFORE INSERT OR UPDATE ON audit_heads
  FOR EACH ROW EXECUTE FUNCTION audit_heads_guard();
