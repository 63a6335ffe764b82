-- 0046: servers drop their cached tokens and disposal contexts only for a change that happened.
--
-- PostgreSQL lets any login that may connect to the database send NOTIFY on any channel. A
-- login sending `access_tokens_changed` in a loop had every server drop every cached token,
-- look each one up again and, while those lookups ran one at a time, refuse partners' calls
-- (UNAVAILABLE); one sending `disposal_context_changed` had every check read its disposal from
-- the database again. Each change now also counts itself, in its own transaction; a server
-- told of one reads the count (one row) and drops its cache only when the count moved.
--
-- Re-appliable: the tables and their row are made only when missing, the functions and
-- triggers made again.

CREATE TABLE IF NOT EXISTS access_token_changes (
  only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  changes   bigint NOT NULL CHECK (changes >= 0)
);
INSERT INTO access_token_changes (changes) VALUES (0) ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS disposal_context_changes (
  only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  changes   bigint NOT NULL CHECK (changes >= 0)
);
INSERT INTO disposal_context_changes (changes) VALUES (0) ON CONFLICT DO NOTHING;

-- The server's role counts (its changes run the triggers as that role) and reads; nothing else.
-- The default privileges gave it INSERT and DELETE too.
REVOKE INSERT, DELETE, TRUNCATE ON access_token_changes, disposal_context_changes
  FROM disposal_app;
GRANT SELECT, UPDATE ON access_token_changes, disposal_context_changes TO disposal_app;

-- A revocation (0041: once per changed row).
CREATE OR REPLACE FUNCTION access_tokens_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE access_token_changes SET changes = changes + 1;
  PERFORM pg_notify('access_tokens_changed', '');
  RETURN NULL;
END;
$$;

-- What the eligibility rules read about a disposal (0003). Counted at commit, by a deferred
-- trigger: the count's row lock is then the transaction's last, taken when it waits for no
-- other, so that two staff writes on different claims cannot deadlock over it. Once per
-- transaction, however many rows it changed (a transaction-local setting remembers it): a
-- row version per changed row, each scanned by the next update, would cost a bulk write the
-- square of its rows.
CREATE OR REPLACE FUNCTION disposal_context_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('disposal.context_change_counted', true) IS DISTINCT FROM
     txid_current()::text THEN
    UPDATE disposal_context_changes SET changes = changes + 1;
    PERFORM set_config('disposal.context_change_counted', txid_current()::text, true);
    PERFORM pg_notify('disposal_context_changed', '');
  END IF;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['disposals', 'disposal_lots', 'claims', 'claim_guarantees'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_context_touch', t);
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
                   'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
                   'EXECUTE FUNCTION disposal_context_touch()',
                   t || '_context_touch', t);
  END LOOP;
END;
$$;
