-- 0008: bearer tokens, one role each. Only a SHA-256 of each secret is kept: the secret is
-- shown once, when the token is made, and a copy of this table lets nobody call the service.
-- The secrets are 256 random bits, so an unsalted hash is as strong as the secret itself.
CREATE TABLE access_tokens (
  id              uuid PRIMARY KEY,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  role            text NOT NULL CHECK (role IN ('staff', 'auditor', 'partner', 'admin')),
  secret_sha256   bytea NOT NULL UNIQUE CHECK (length(secret_sha256) = 32),
  create_time     timestamptz NOT NULL DEFAULT now(),
  created_by      text NOT NULL,
  expire_time     timestamptz,
  revoke_time     timestamptz,
  revoked_by      text,
  CHECK ((revoke_time IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX access_tokens_listing_idx ON access_tokens (create_time DESC, id DESC);

-- A token is never deleted, and the only change allowed is its revocation, once.
CREATE FUNCTION access_tokens_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.revoke_time IS NULL AND NEW.revoke_time IS NOT NULL
     AND (NEW.id, NEW.name, NEW.role, NEW.secret_sha256, NEW.create_time, NEW.created_by,
          NEW.expire_time) IS NOT DISTINCT FROM
         (OLD.id, OLD.name, OLD.role, OLD.secret_sha256, OLD.create_time, OLD.created_by,
          OLD.expire_time) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'access_tokens: only revoking a live token is allowed (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER access_tokens_guard BEFORE UPDATE OR DELETE ON access_tokens
  FOR EACH ROW EXECUTE FUNCTION access_tokens_guard();
CREATE TRIGGER access_tokens_no_truncate BEFORE TRUNCATE ON access_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION access_tokens_guard();

-- Servers cache tokens; a revocation tells every server to forget its cache.
CREATE FUNCTION access_tokens_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('access_tokens_changed', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER access_tokens_touch AFTER UPDATE ON access_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION access_tokens_touch();

REVOKE DELETE, TRUNCATE ON access_tokens FROM disposal_app;
