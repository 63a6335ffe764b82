-- 0027: registry identifiers in their canonical shape.
--
-- The eligibility index finds persons by their national ID as a number and organisations by
-- their credit code as written; a row written past the service in another shape (a lowercase
-- x, spaces) could never be found by a check, so the bidder it excludes would pass. The
-- service only writes canonical identifiers; these constraints refuse any other writer's.
-- NOT VALID: rows already stored are not rechecked (the server logs how many the index left
-- out, `index_rows_skipped`), every new or changed row is.

ALTER TABLE registry_persons
  ADD CONSTRAINT registry_persons_national_id_shape
  CHECK (national_id ~ '^[0-9]{17}[0-9X]$') NOT VALID;

ALTER TABLE registry_organizations
  ADD CONSTRAINT registry_organizations_credit_code_shape
  CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$') NOT VALID;

ALTER TABLE registry_list_entries
  ADD CONSTRAINT registry_list_entries_identifier_shape
  CHECK (identifier ~ '^[0-9]{17}[0-9X]$' OR identifier ~ '^[0-9A-HJ-NPQRTUWXY]{18}$') NOT VALID;
