-- 0032: indexes for reading what the registry holds on one party (GetRegistryParty).
--
-- A person's relations are stored once, from either side; the primary key leads with the
-- first person, so finding those where the person is the other needs its own index (it also
-- serves the cascade when a person is deleted). A person's engagements (the key leads with
-- the disposal) and the roles held with an organisation as employer need theirs. List entries
-- are found through their primary key (kind, identifier), one lookup per kind.

CREATE INDEX registry_relations_other_idx ON registry_relations (other_national_id);
CREATE INDEX registry_engagements_person_idx ON registry_engagements (national_id);
CREATE INDEX registry_roles_employer_idx ON registry_roles (employer_credit_code)
  WHERE employer_credit_code <> '';
