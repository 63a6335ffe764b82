-- 0028: registry versions are append-only, and only registry_new_version() takes them.
--
-- A decision's replay undoes the registry history of the transactions that registry_versions
-- maps to later versions (store/registry_history.cc). The server's role could UPDATE, DELETE or
-- INSERT those rows (0007 granted it every table), and so remap or hide a change and alter
-- what a replay rebuilds. Now a version is written only by registry_new_version(), which runs
-- with its owner's rights, and no one may change or remove one.

ALTER FUNCTION registry_new_version() SECURITY DEFINER SET search_path = public, pg_temp;

REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON registry_versions FROM disposal_app;

CREATE FUNCTION registry_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'registry_versions is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER registry_versions_no_update_delete BEFORE UPDATE OR DELETE ON registry_versions
  FOR EACH ROW EXECUTE FUNCTION registry_versions_refuse_change();
CREATE TRIGGER registry_versions_no_truncate BEFORE TRUNCATE ON registry_versions
  FOR EACH STATEMENT EXECUTE FUNCTION registry_versions_refuse_change();
