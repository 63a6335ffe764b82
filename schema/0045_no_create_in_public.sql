-- Only the schema's owner creates objects in schema public. The server's SECURITY DEFINER
-- functions (audit_append, registry_new_version) run as their owner with search_path
-- public, pg_temp and call built-ins unqualified (nextval with a text argument, convert_to):
-- a login allowed to create public.nextval(text) would have its own function, an exact match,
-- run with the owner's rights on the next audited write. PostgreSQL 15 makes a new database
-- so already; one carried over from an older version keeps PUBLIC's CREATE, and this takes
-- it back. Revoking what was never granted is a no-op, so this may run again.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM disposal_app;

-- A login that does not own the schema revokes nothing (PostgreSQL only warns): then the
-- migration fails, saying who must do it, rather than be recorded as done.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_namespace n, aclexplode(n.nspacl) a
             WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE')
     OR has_schema_privilege('disposal_app', 'public', 'CREATE') THEN
    RAISE EXCEPTION 'schema public still lets every login create objects in it; its owner % '
                    'must run REVOKE CREATE ON SCHEMA public FROM PUBLIC, then migrate again',
                    (SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'public');
  END IF;
END $$;
