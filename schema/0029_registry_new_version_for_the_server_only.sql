-- 0029: only the server's role may take a registry version.
--
-- registry_new_version() runs with its owner's rights since 0028, and PostgreSQL lets PUBLIC
-- execute a new function: any role able to connect could have taken a version (a row in
-- registry_versions) with no registry change behind it. As for audit_append() (0019), only the
-- server's role may call it: through the registry's triggers, and directly in the transaction of
-- its change (store/registry_store.cc).

REVOKE EXECUTE ON FUNCTION registry_new_version() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION registry_new_version() TO disposal_app;
