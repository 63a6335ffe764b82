-- 0018: a token may be bound to one client certificate.
--
-- With mutual TLS the server accepts any client certificate its CA signed; a partner's stolen
-- token would then work with any other partner's certificate. A token bound to a certificate
-- (the SHA-256 of its DER encoding, as `openssl x509 -noout -fingerprint -sha256` shows it) is
-- accepted only over a connection that presented that very certificate. Existing tokens are
-- unbound. Set when the token is made, never changed: the guard now covers the column too.

ALTER TABLE access_tokens
  ADD COLUMN client_certificate_sha256 bytea
    CHECK (client_certificate_sha256 IS NULL OR length(client_certificate_sha256) = 32);

CREATE OR REPLACE FUNCTION access_tokens_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.revoke_time IS NULL AND NEW.revoke_time IS NOT NULL
     AND (NEW.id, NEW.name, NEW.role, NEW.secret_sha256, NEW.create_time, NEW.created_by,
          NEW.expire_time, NEW.client_certificate_sha256) IS NOT DISTINCT FROM
         (OLD.id, OLD.name, OLD.role, OLD.secret_sha256, OLD.create_time, OLD.created_by,
          OLD.expire_time, OLD.client_certificate_sha256) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'access_tokens: only revoking a live token is allowed (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
