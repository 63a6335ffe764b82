-- 0003: the bidder-eligibility registry (related persons, relations, participations, engagements,
-- external lists), its version counter and change notifications, and eligibility decisions.

-- One row per transaction that changed the registry: the registry version is the newest id.
CREATE TABLE registry_versions (
  version         bigserial PRIMARY KEY,
  txid            bigint NOT NULL UNIQUE,
  change_time     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE registry_persons (
  national_id     text PRIMARY KEY CHECK (length(national_id) = 18),
  name            text NOT NULL,
  declared_incapacitated boolean NOT NULL DEFAULT false
);
CREATE INDEX registry_persons_name_idx ON registry_persons (name);

CREATE TABLE registry_organizations (
  credit_code     text PRIMARY KEY CHECK (length(credit_code) = 18),
  name            text NOT NULL,
  financial_institution boolean NOT NULL DEFAULT false,
  state_owned     boolean NOT NULL DEFAULT false,
  deregistered    boolean NOT NULL DEFAULT false
);

CREATE TABLE registry_roles (
  national_id     text NOT NULL REFERENCES registry_persons (national_id) ON DELETE CASCADE,
  role            text NOT NULL CHECK (role IN ('civil_servant', 'financial_regulator_staff',
                    'law_enforcement_officer', 'amc_staff', 'debtor_management', 'lawyer',
                    'accountant', 'appraiser', 'auctioneer', 'appraisal_agency_head')),
  employer        text NOT NULL DEFAULT '',
  employer_credit_code text NOT NULL DEFAULT '',
  valid_from      date NOT NULL,
  valid_to        date CHECK (valid_to >= valid_from),
  PRIMARY KEY (national_id, role, valid_from)
);

CREATE TABLE registry_relations (
  national_id     text NOT NULL REFERENCES registry_persons (national_id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('spouse', 'parent', 'child', 'grandparent',
                    'grandchild', 'sibling')),
  other_national_id text NOT NULL REFERENCES registry_persons (national_id) ON DELETE CASCADE,
  PRIMARY KEY (national_id, kind, other_national_id),
  CHECK (national_id <> other_national_id)
);

CREATE TABLE registry_participations (
  national_id     text NOT NULL REFERENCES registry_persons (national_id) ON DELETE CASCADE,
  credit_code     text NOT NULL REFERENCES registry_organizations (credit_code) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('shareholder', 'director', 'supervisor',
                    'senior_manager', 'actual_controller')),
  percent         numeric(7, 4) CHECK (percent > 0 AND percent <= 100),
  valid_from      date NOT NULL,
  valid_to        date CHECK (valid_to >= valid_from),
  PRIMARY KEY (national_id, credit_code, kind, valid_from)
);
CREATE INDEX registry_participations_org_idx ON registry_participations (credit_code);

CREATE TABLE registry_engagements (
  disposal_id     uuid NOT NULL REFERENCES disposals (id),
  national_id     text NOT NULL REFERENCES registry_persons (national_id) ON DELETE CASCADE,
  role            text NOT NULL CHECK (role IN ('amc_staff', 'lawyer', 'accountant', 'appraiser',
                    'auctioneer', 'appraisal_agency_head')),
  PRIMARY KEY (disposal_id, national_id, role)
);

CREATE TABLE registry_list_entries (
  kind            text NOT NULL CHECK (kind IN ('dishonest_judgment_debtor', 'sanctions')),
  identifier      text NOT NULL CHECK (length(identifier) = 18),
  source          text NOT NULL,
  list_version    text NOT NULL,
  PRIMARY KEY (kind, identifier)
);

-- Any change to the registry, through the service or not, bumps the version once per
-- transaction and tells every server to refresh its index (LISTEN registry_changed).
CREATE FUNCTION registry_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO registry_versions (txid) VALUES (txid_current()) ON CONFLICT (txid) DO NOTHING;
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
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION registry_touch()', t || '_touch', t);
  END LOOP;
END;
$$;

-- What the rules read about a disposal (its deposit, debtors and guarantors) changes rarely;
-- servers cache it and drop the cache on this notification.
CREATE FUNCTION disposal_context_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('disposal_context_changed', '');
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['disposals', 'disposal_lots', 'claims', 'claim_guarantees'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION disposal_context_touch()',
                   t || '_context_touch', t);
  END LOOP;
END;
$$;

INSERT INTO registry_versions (txid) VALUES (txid_current());
