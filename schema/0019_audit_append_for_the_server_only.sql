-- audit_append runs with the schema owner's rights (SECURITY DEFINER), and PostgreSQL lets every
-- role execute a new function unless told otherwise: any role able to connect (a read-only
-- reporting login, another application's user on the cluster) could append a correctly linked
-- event that every verification would accept. Only the server's role may append.
REVOKE EXECUTE ON FUNCTION audit_append(text, text, text, text, text, text, uuid, bigint, jsonb)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append(text, text, text, text, text, text, uuid, bigint, jsonb)
  TO disposal_app;
