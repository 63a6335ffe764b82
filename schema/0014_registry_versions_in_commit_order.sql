-- 0014: registry versions are handed out in commit order.
--
-- Until now a transaction took its version at its first registry statement, not at commit. Two
-- changes could then commit out of order: T1 takes version 5 and waits on a row lock, T2 takes
-- version 7 and commits, T1 commits after. A server whose index was already at 7 skipped
-- T1's change (it thought 7 included 5), its next check cited version 7 without T1's entry,
-- and a replay of "version 7" later rebuilt a different registry.
--
-- Now every registry-changing transaction takes one transaction-scoped advisory lock before
-- its first registry statement runs, and its version only after that: the lock is held until
-- commit, so versions are taken, and committed, one transaction after another. Registry
-- changes are staff and admin work, rare beside the checks, which read the index and never
-- take this lock. The lock is taken in a BEFORE STATEMENT trigger, before the statement locks
-- any registry row, so that two changes wait for each other here and never deadlock on rows.

CREATE FUNCTION registry_new_version() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  taken bigint;
BEGIN
  -- Any constant works; it only has to differ from other advisory locks ("registry").
  PERFORM pg_advisory_xact_lock(7453006418498691705);
  INSERT INTO registry_versions (txid) VALUES (txid_current()) ON CONFLICT (txid) DO NOTHING;
  SELECT version INTO taken FROM registry_versions WHERE txid = txid_current();
  RETURN taken;
END;
$$;

CREATE OR REPLACE FUNCTION registry_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM registry_new_version();
  PERFORM pg_notify('registry_changed', '');
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['registry_persons', 'registry_organizations', 'registry_roles',
                           'registry_relations', 'registry_participations',
                           'registry_engagements', 'registry_list_entries'] LOOP
    EXECUTE format('DROP TRIGGER %I ON %I', t || '_touch', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION registry_touch()', t || '_touch', t);
  END LOOP;
END;
$$;
