-- 0010: the history of the claims and the disposals, so that an auditor can read one as it was
-- at a past time ("as_of_time"), from now on.
--
-- As in 0009 every change of a row lands here with the row before and after as JSON, written
-- by statement-level triggers with transition tables. Each row also names its subject (the
-- claim or the disposal it belongs to), so that one subject's past is rebuilt from its own
-- changes only.
--
-- Which time a change gets: clock_timestamp() when its statement's trigger runs, and at read
-- time a transaction's changes to one subject all count at the earliest of those times (so a
-- reader never sees half of a transaction). now() (the transaction's start) is not used: a
-- transaction that began before another, then waited for that one's row lock, would get the
-- earlier time although its change came later, and undoing "after T" would then keep the later
-- change and undo the earlier one. The writers take the subject's row (claims, disposals, or
-- the submission itself) before changing its rows, so the first trigger of a transaction runs
-- after the previous writer of that subject committed: the times follow the commit order.
-- A change is still stamped before its commit: a read as of T is final once every transaction
-- running at T has ended (the server's statement timeout bounds that).
--
-- A rebuild matches rows as whole JSON values, so a later migration that changes one of these
-- tables' columns must say how its history rows map to the new columns. Timestamps are
-- rendered in UTC by the triggers and by the reader, so that the JSON of a row is the same
-- whatever a session's time zone.

CREATE TABLE subject_history (
  -- When the change was made: clock_timestamp() of the statement (see above).
  change_time     timestamptz NOT NULL,
  -- The changing transaction (txid_current()): its changes to one subject count together.
  txid            bigint NOT NULL,
  -- Orders the statements; the rows of one statement share it.
  statement       bigint NOT NULL,
  table_name      text NOT NULL,
  -- The claim (claims and claim_* tables) or the disposal (disposals, disposal_* tables,
  -- submissions) the row belongs to.
  subject_id      uuid NOT NULL,
  operation       text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')),
  -- NULL for an inserted row (old) or a removed row (new). An UPDATE that changed a row's key
  -- shows as one row with only old_row and one with only new_row.
  old_row         jsonb,
  new_row         jsonb,
  CHECK (old_row IS NOT NULL OR new_row IS NOT NULL)
);
-- A rebuild reads one subject's changes after a time. These tables take a few rows per call,
-- not bulk imports, so a B-tree's cost per write is affordable.
CREATE INDEX subject_history_subject_idx ON subject_history (subject_id, change_time);
CREATE SEQUENCE subject_history_statement_seq;

-- From when the history is complete. A subject that existed before then has no known earlier
-- state: a read as of an earlier time is refused for it (FAILED_PRECONDITION).
CREATE TABLE subject_history_start (
  only_row        boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  start_time      timestamptz NOT NULL
);

-- History is history: nobody may change or remove it, whatever their privileges.
CREATE FUNCTION subject_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER subject_history_no_update_delete BEFORE UPDATE OR DELETE ON subject_history
  FOR EACH ROW EXECUTE FUNCTION subject_history_refuse_change();
CREATE TRIGGER subject_history_no_truncate BEFORE TRUNCATE ON subject_history
  FOR EACH STATEMENT EXECUTE FUNCTION subject_history_refuse_change();
CREATE TRIGGER subject_history_start_no_update_delete
  BEFORE UPDATE OR DELETE ON subject_history_start
  FOR EACH ROW EXECUTE FUNCTION subject_history_refuse_change();
CREATE TRIGGER subject_history_start_no_truncate BEFORE TRUNCATE ON subject_history_start
  FOR EACH STATEMENT EXECUTE FUNCTION subject_history_refuse_change();

-- TG_ARGV[0] is the column naming the subject, the rest the table's key columns (they pair an
-- UPDATE's old and new rows). SECURITY DEFINER: the server's role cannot write the history
-- itself (it could otherwise add rows with a made-up time), only through its own changes. The
-- fixed search_path keeps a temporary table from standing in for subject_history.
CREATE FUNCTION subject_history_record() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp SET TimeZone = 'UTC' AS $$
DECLARE
  at           timestamptz;
  tx           bigint;
  statement_id bigint;
  subject      constant text := TG_ARGV[0];
  keys         constant text[] := TG_ARGV[1:];
BEGIN
  -- An upsert fires both the INSERT and the UPDATE trigger, one of them without rows.
  IF TG_OP = 'INSERT' THEN
    PERFORM FROM new_rows LIMIT 1;
  ELSE
    PERFORM FROM old_rows LIMIT 1;
  END IF;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  at := clock_timestamp();
  tx := txid_current();
  statement_id := nextval('subject_history_statement_seq');
  IF TG_OP = 'INSERT' THEN
    INSERT INTO subject_history (change_time, txid, statement, table_name, subject_id, operation,
                                 new_row)
      SELECT at, tx, statement_id, TG_TABLE_NAME, (b ->> subject)::uuid, TG_OP, b
      FROM (SELECT to_jsonb(n) AS b FROM new_rows n) s;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO subject_history (change_time, txid, statement, table_name, subject_id, operation,
                                 old_row)
      SELECT at, tx, statement_id, TG_TABLE_NAME, (b ->> subject)::uuid, TG_OP, b
      FROM (SELECT to_jsonb(o) AS b FROM old_rows o) s;
  ELSE
    INSERT INTO subject_history (change_time, txid, statement, table_name, subject_id, operation,
                                 old_row, new_row)
      SELECT at, tx, statement_id, TG_TABLE_NAME,
             (coalesce(n.body, o.body) ->> subject)::uuid, TG_OP, o.body, n.body
      FROM (SELECT to_jsonb(t) AS body, ARRAY(SELECT to_jsonb(t) ->> k FROM unnest(keys) k) AS key
              FROM old_rows t) o
      FULL JOIN (SELECT to_jsonb(t) AS body,
                        ARRAY(SELECT to_jsonb(t) ->> k FROM unnest(keys) k) AS key
                   FROM new_rows t) n ON o.key = n.key;
  END IF;
  RETURN NULL;
END;
$$;

-- TRUNCATE has no transition table: record every row as removed before it goes.
CREATE FUNCTION subject_history_record_truncate() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp SET TimeZone = 'UTC' AS $$
BEGIN
  EXECUTE format('INSERT INTO subject_history (change_time, txid, statement, table_name, '
                 'subject_id, operation, old_row) '
                 'SELECT clock_timestamp(), txid_current(), $1, $2, '
                 '(to_jsonb(t) ->> $3)::uuid, ''TRUNCATE'', to_jsonb(t) FROM %I.%I t',
                 TG_TABLE_SCHEMA, TG_TABLE_NAME)
    USING nextval('subject_history_statement_seq'), TG_TABLE_NAME, TG_ARGV[0];
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  -- Table, subject column, key columns.
  tables constant text[][] := ARRAY[
    ['claims', 'id', 'id'],
    ['claim_tranches', 'claim_id', 'claim_id,position'],
    ['claim_collateral', 'claim_id', 'claim_id,position'],
    ['claim_encumbrances', 'claim_id', 'claim_id,collateral_position,position'],
    ['claim_guarantees', 'claim_id', 'claim_id,position'],
    ['claim_pledges', 'claim_id', 'claim_id,position'],
    ['claim_litigation', 'claim_id', 'claim_id,position'],
    ['disposals', 'id', 'id'],
    ['disposal_channels', 'disposal_id', 'disposal_id,position'],
    ['disposal_lots', 'disposal_id', 'id'],
    ['submissions', 'disposal_id', 'id']];
  t    text;
  args text;
BEGIN
  FOR i IN 1 .. array_length(tables, 1) LOOP
    t := tables[i][1];
    -- Trigger arguments are string literals: the subject column, then one per key column.
    args := (SELECT string_agg(quote_literal(c), ', ')
               FROM unnest(tables[i][2] || string_to_array(tables[i][3], ',')) AS c);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION subject_history_record(%s)',
                   t || '_history_insert', t, args);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I '
                   'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION subject_history_record(%s)',
                   t || '_history_update', t, args);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION subject_history_record(%s)',
                   t || '_history_delete', t, args);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION subject_history_record_truncate(%L)',
                   t || '_history_truncate', t, tables[i][2]);
  END LOOP;
END;
$$;

-- Taken after the triggers exist: creating them waited for every transaction that was changing
-- these tables, so each change is either in the tables as of this time or in the history.
INSERT INTO subject_history_start (start_time) VALUES (clock_timestamp());

-- The server may neither write the history (the triggers do, as the owner) nor change it.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON subject_history, subject_history_start
  FROM disposal_app;
