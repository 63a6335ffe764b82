-- 0041: servers are told to forget their cached tokens only when a token changed.
--
-- The notification (0008) fired once per UPDATE statement, rows or none: revoking a token
-- already revoked (an UPDATE matching no row) still had every server drop every cached token
-- and look each one up again at once. It now fires per changed row; PostgreSQL delivers one
-- notification per transaction for the same channel and payload, so a revocation still sends
-- one.
--
-- Re-appliable: the trigger is made again.
DROP TRIGGER IF EXISTS access_tokens_touch ON access_tokens;
CREATE TRIGGER access_tokens_touch AFTER UPDATE ON access_tokens
  FOR EACH ROW EXECUTE FUNCTION access_tokens_touch();
