-- 0015: the server's role can no longer write registry history directly.
--
-- Migration 0009 let the server's role add rows to registry_history (its triggers ran with the
-- caller's rights), so a compromised server could have added made-up history and changed what
-- a decision's replay rebuilds. Like the claims' and disposals' history (0010), the registry's
-- is now written only by its triggers, which run with their owner's rights.

ALTER FUNCTION registry_history_record()
  SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION registry_history_record_truncate()
  SECURITY DEFINER SET search_path = public, pg_temp;

REVOKE INSERT ON registry_history, registry_history_start FROM disposal_app;
