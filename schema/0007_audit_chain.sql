-- 0007: a tamper-evident audit history and the server's own, narrower database role.
--
-- Every subject (a claim, a disposal, ...) gets a hash chain over its events: an event's hash is
-- SHA-256(previous hash || canonical bytes), defined in proto/disposal/v1/audit.proto. The
-- database computes it in audit_append(), the only way the server can add an event, so the
-- server's code cannot forget or fake a link. audit_heads keeps each chain's last position and
-- hash, so that a removed last event is caught too.

ALTER TABLE audit_events
  ADD COLUMN role      text NOT NULL DEFAULT '',
  ADD COLUMN token_id  text NOT NULL DEFAULT '',
  ADD COLUMN chain_seq bigint,
  ADD COLUMN prev_hash bytea,
  ADD COLUMN hash      bytea;

CREATE TABLE audit_heads (
  subject_kind    text NOT NULL,
  subject_id      uuid NOT NULL,
  chain_seq       bigint NOT NULL,
  hash            bytea NOT NULL,
  PRIMARY KEY (subject_kind, subject_id)
);

-- Microseconds since the Unix epoch: the canonical form's time, exact (extract yields numeric).
CREATE FUNCTION audit_micros(t timestamptz) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT (extract(epoch FROM t) * 1000000)::bigint
$$;

-- The canonical bytes of an event, as audit.proto defines them.
CREATE FUNCTION audit_canonical(e audit_events) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT convert_to(concat_ws(E'\n', 'disposal.audit.v1', e.subject_kind, e.subject_id::text,
           e.chain_seq::text, audit_micros(e.event_time)::text, e.actor, e.role, e.token_id,
           e.rpc, e.request_id, e.subject_version::text, e.payload::text), 'UTF8')
$$;

-- Links `e` to its subject's chain: takes the head's row lock (so a chain grows one event at a
-- time), fills chain_seq, prev_hash and hash, and moves the head. Returns the filled event.
CREATE FUNCTION audit_link(e audit_events) RETURNS audit_events LANGUAGE plpgsql AS $$
DECLARE
  head audit_heads;
BEGIN
  INSERT INTO audit_heads (subject_kind, subject_id, chain_seq, hash)
    VALUES (e.subject_kind, e.subject_id, 0, decode(repeat('00', 32), 'hex'))
    ON CONFLICT (subject_kind, subject_id) DO NOTHING;
  SELECT * INTO head FROM audit_heads
    WHERE subject_kind = e.subject_kind AND subject_id = e.subject_id FOR UPDATE;
  e.chain_seq := head.chain_seq + 1;
  e.prev_hash := head.hash;
  e.hash := sha256(e.prev_hash || audit_canonical(e));
  UPDATE audit_heads SET chain_seq = e.chain_seq, hash = e.hash
    WHERE subject_kind = e.subject_kind AND subject_id = e.subject_id;
  RETURN e;
END;
$$;

-- Existing events join their chains in the order they were written.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
DO $$
DECLARE
  e audit_events;
BEGIN
  FOR e IN SELECT * FROM audit_events ORDER BY seq LOOP
    e := audit_link(e);
    UPDATE audit_events SET chain_seq = e.chain_seq, prev_hash = e.prev_hash, hash = e.hash
      WHERE seq = e.seq;
  END LOOP;
END;
$$;
ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete;

ALTER TABLE audit_events
  ALTER COLUMN chain_seq SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN hash SET NOT NULL;
-- Not unique on purpose: a second event forced into a taken position must be stored so that
-- verification can name it, rather than hidden by a constraint someone could drop.
CREATE INDEX audit_events_chain_idx ON audit_events (subject_kind, subject_id, chain_seq, seq);
DROP INDEX audit_events_subject_idx;

-- The one way to add an event. SECURITY DEFINER: the server's role may call it but has no
-- right to write audit_events or audit_heads itself.
CREATE FUNCTION audit_append(p_actor text, p_role text, p_token_id text, p_rpc text,
                             p_request_id text, p_subject_kind text, p_subject_id uuid,
                             p_subject_version bigint, p_payload jsonb)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  e audit_events;
BEGIN
  e.seq := nextval(pg_get_serial_sequence('audit_events', 'seq'));
  e.event_time := clock_timestamp();
  e.actor := p_actor;
  e.role := p_role;
  e.token_id := p_token_id;
  e.rpc := p_rpc;
  e.request_id := p_request_id;
  e.subject_kind := p_subject_kind;
  e.subject_id := p_subject_id;
  e.subject_version := p_subject_version;
  e.payload := p_payload;
  e := audit_link(e);
  INSERT INTO audit_events (seq, event_time, actor, rpc, request_id, subject_kind, subject_id,
                            subject_version, payload, role, token_id, chain_seq, prev_hash, hash)
    VALUES (e.seq, e.event_time, e.actor, e.rpc, e.request_id, e.subject_kind, e.subject_id,
            e.subject_version, e.payload, e.role, e.token_id, e.chain_seq, e.prev_hash, e.hash);
  RETURN e.chain_seq;
END;
$$;

CREATE FUNCTION audit_heads_refuse_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_heads: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_heads_no_delete BEFORE DELETE ON audit_heads
  FOR EACH ROW EXECUTE FUNCTION audit_heads_refuse_removal();
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_heads_refuse_removal();

-- The server's role. The server migrates as the schema's owner, then works as disposal_app:
-- it may read and write the working tables but never change or remove history, whatever bug
-- or injected statement asks it to. The role is cluster-wide; a concurrent migration of another
-- database may create it first, which is fine.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'disposal_app') THEN
    CREATE ROLE disposal_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END;
$$;
-- A superuser may SET ROLE to any role; a plain owning role needs membership.
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT disposal_app TO %I', current_user);
  END IF;
END;
$$;
GRANT USAGE ON SCHEMA public TO disposal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO disposal_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO disposal_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO disposal_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO disposal_app;
-- History is append-only for the server: events only through audit_append().
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_events, audit_heads FROM disposal_app;
REVOKE UPDATE, DELETE, TRUNCATE ON eligibility_decisions, journal_entries, journal_postings
  FROM disposal_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM disposal_app;
