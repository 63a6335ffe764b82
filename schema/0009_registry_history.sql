-- 0009: the registry's history, so that the registry can be reconstructed as of any version
-- from now on (an auditor replays an eligibility decision against the registry it was made
-- with).
--
-- Every change to a registry table lands here: one row per changed row, with the row before
-- and after as JSON. Bulk imports write millions of rows, so the triggers are statement-level
-- with transition tables: one INSERT ... SELECT per statement instead of one trigger call per
-- row.
--
-- A rebuild matches rows as whole JSON values, so a later migration that changes a registry
-- table's columns must say how its history rows map to the new columns.

CREATE TABLE registry_history (
  -- The changing transaction (txid_current()); registry_versions maps it to its version.
  -- Storing the txid rather than the version keeps these triggers independent of the order in
  -- which they and registry_touch() fire.
  txid            bigint NOT NULL,
  -- Orders the statements; the rows of one statement share it.
  statement       bigint NOT NULL,
  table_name      text NOT NULL,
  operation       text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')),
  -- NULL for an inserted row (old) or a removed row (new). An UPDATE that changed a row's key
  -- shows as one row with only old_row and one with only new_row.
  old_row         jsonb,
  new_row         jsonb,
  CHECK (old_row IS NOT NULL OR new_row IS NOT NULL)
);
-- Rows arrive in about txid order, so a BRIN index finds a replay's recent changes at almost
-- no cost to the bulk inserts that a B-tree index would slow down. Ranges not yet summarized
-- are read whole; autosummarize summarizes each as soon as it fills.
CREATE INDEX registry_history_txid_idx ON registry_history USING brin (txid)
  WITH (autosummarize = on);
CREATE SEQUENCE registry_history_statement_seq;

-- From which version the history is complete: the registry as of any version at or after this
-- one can be reconstructed; older versions were never recorded.
CREATE TABLE registry_history_start (
  only_row        boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version         bigint NOT NULL,
  start_time      timestamptz NOT NULL DEFAULT now()
);

-- History is history: nobody may change or remove it, whatever their privileges.
CREATE FUNCTION registry_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER registry_history_no_update_delete BEFORE UPDATE OR DELETE ON registry_history
  FOR EACH ROW EXECUTE FUNCTION registry_history_refuse_change();
CREATE TRIGGER registry_history_no_truncate BEFORE TRUNCATE ON registry_history
  FOR EACH STATEMENT EXECUTE FUNCTION registry_history_refuse_change();
CREATE TRIGGER registry_history_start_no_update_delete
  BEFORE UPDATE OR DELETE ON registry_history_start
  FOR EACH ROW EXECUTE FUNCTION registry_history_refuse_change();
CREATE TRIGGER registry_history_start_no_truncate BEFORE TRUNCATE ON registry_history_start
  FOR EACH STATEMENT EXECUTE FUNCTION registry_history_refuse_change();

-- One function for every table and event: PL/pgSQL plans it per table, and it reads only the
-- transition tables its event provides (a trigger with transition tables fires on one event).
-- TG_ARGV holds the table's key columns, which pair an UPDATE's old and new rows.
CREATE FUNCTION registry_history_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx           bigint;
  statement_id bigint;
BEGIN
  -- An upsert fires both the INSERT and the UPDATE trigger, one of them without rows; the
  -- service writes one row per statement, so skipping the empty one saves a good part of the
  -- cost.
  IF TG_OP = 'INSERT' THEN
    PERFORM FROM new_rows LIMIT 1;
  ELSE
    PERFORM FROM old_rows LIMIT 1;
  END IF;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  tx := txid_current();
  statement_id := nextval('registry_history_statement_seq');
  IF TG_OP = 'INSERT' THEN
    INSERT INTO registry_history (txid, statement, table_name, operation, new_row)
      SELECT tx, statement_id, TG_TABLE_NAME, TG_OP, to_jsonb(n) FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO registry_history (txid, statement, table_name, operation, old_row)
      SELECT tx, statement_id, TG_TABLE_NAME, TG_OP, to_jsonb(o) FROM old_rows o;
  ELSE
    INSERT INTO registry_history (txid, statement, table_name, operation, old_row, new_row)
      SELECT tx, statement_id, TG_TABLE_NAME, TG_OP, o.body, n.body
      FROM (SELECT to_jsonb(t) AS body,
                   ARRAY(SELECT to_jsonb(t) ->> k FROM unnest(TG_ARGV) k) AS key
              FROM old_rows t) o
      FULL JOIN (SELECT to_jsonb(t) AS body,
                        ARRAY(SELECT to_jsonb(t) ->> k FROM unnest(TG_ARGV) k) AS key
                   FROM new_rows t) n ON o.key = n.key;
  END IF;
  RETURN NULL;
END;
$$;

-- TRUNCATE has no transition table: record every row as removed before it goes.
CREATE FUNCTION registry_history_record_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  statement_id bigint := nextval('registry_history_statement_seq');
BEGIN
  EXECUTE format('INSERT INTO registry_history (txid, statement, table_name, operation, old_row) '
                 'SELECT txid_current(), $1, $2, ''TRUNCATE'', to_jsonb(t) FROM %I.%I t',
                 TG_TABLE_SCHEMA, TG_TABLE_NAME)
    USING statement_id, TG_TABLE_NAME;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  tables constant text[][] := ARRAY[
    ['registry_persons', 'national_id'],
    ['registry_organizations', 'credit_code'],
    ['registry_roles', 'national_id,role,valid_from'],
    ['registry_relations', 'national_id,kind,other_national_id'],
    ['registry_participations', 'national_id,credit_code,kind,valid_from'],
    ['registry_engagements', 'disposal_id,national_id,role'],
    ['registry_list_entries', 'kind,identifier']];
  t   text;
  key text;
BEGIN
  FOR i IN 1 .. array_length(tables, 1) LOOP
    t := tables[i][1];
    -- Trigger arguments are string literals, one per key column.
    key := (SELECT string_agg(quote_literal(c), ', ')
              FROM unnest(string_to_array(tables[i][2], ',')) AS c);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION registry_history_record(%s)',
                   t || '_history_insert', t, key);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I '
                   'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION registry_history_record(%s)',
                   t || '_history_update', t, key);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION registry_history_record(%s)',
                   t || '_history_delete', t, key);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION registry_history_record_truncate()',
                   t || '_history_truncate', t);
  END LOOP;
END;
$$;

-- Read after the triggers exist: creating them waited for every transaction that was changing
-- a registry table, so each change is either in the registry at this version or in the history.
INSERT INTO registry_history_start (version)
  SELECT coalesce(max(version), 0) FROM registry_versions;

-- The server may add history, never change it.
REVOKE UPDATE, DELETE, TRUNCATE ON registry_history, registry_history_start FROM disposal_app;
