-- 0044: what a debt reduction (债务减免) settled and forgave of each part of its lot.
--
-- The award of a debt reduction books the lot's book value less the agreed amount to
-- amc/debt_relief as one figure. DESIGN allocates the agreed amount as a payment would (costs,
-- interest, principal, then the penalty: 民法典 art. 561, or the reduction agreement's order),
-- which says which parts of the claim were forgiven; each part is kept here, written with its
-- outcome. History: rows are never changed or removed, nor added to an outcome booked before.
-- Re-appliable.
CREATE TABLE IF NOT EXISTS outcome_reduction_parts (
  outcome_id  uuid NOT NULL REFERENCES outcomes (id),
  -- 1 for the part the agreed amount settled first.
  position    smallint NOT NULL CHECK (position BETWEEN 1 AND 4),
  bucket      text NOT NULL CHECK (bucket IN ('costs', 'interest', 'principal', 'penalty')),
  -- Below zero for the debtor's credit (money paid that the books took back since). NaN,
  -- which numeric accepts and which passes every comparison, is refused (as 0042 does).
  owed        numeric(20, 2) NOT NULL CONSTRAINT outcome_reduction_parts_owed_not_nan
                CHECK (owed <> 'NaN'::numeric),
  settled     numeric(20, 2) NOT NULL CONSTRAINT outcome_reduction_parts_settled_not_nan
                CHECK (settled <> 'NaN'::numeric),
  forgiven    numeric(20, 2) NOT NULL CONSTRAINT outcome_reduction_parts_forgiven_not_nan
                CHECK (forgiven <> 'NaN'::numeric) CHECK (forgiven >= 0),
  PRIMARY KEY (outcome_id, position),
  UNIQUE (outcome_id, bucket),
  CHECK (owed = settled + forgiven),
  -- A credit is used whole: nothing of it is forgiven.
  CHECK (owed >= 0 OR settled = owed)
);

CREATE OR REPLACE FUNCTION outcome_reduction_part_with_its_outcome() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  with_it boolean;
BEGIN
  SELECT r.xmin = o.xmin AND o.method = 'debt_reduction' INTO with_it
    FROM outcome_reduction_parts r JOIN outcomes o ON o.id = r.outcome_id
    WHERE r.outcome_id = NEW.outcome_id AND r.position = NEW.position;
  IF NOT coalesce(with_it, false) THEN
    RAISE EXCEPTION 'outcome_reduction_parts row for outcome % was not written with a debt reduction''s award',
      NEW.outcome_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;

-- At commit, a debt reduction booked from now on has its whole split: one part per bucket,
-- owed adding up to its book value and settled to its price (so forgiven adds up to the
-- relief). Reductions booked before this migration have none and are not touched.
CREATE OR REPLACE FUNCTION outcome_reduction_split_whole() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  parts int;
  owed numeric;
  settled numeric;
BEGIN
  IF NEW.method <> 'debt_reduction' THEN
    RETURN NULL;
  END IF;
  SELECT count(*), sum(r.owed), sum(r.settled) INTO parts, owed, settled
    FROM outcome_reduction_parts r WHERE r.outcome_id = NEW.id;
  IF parts <> 4 OR owed IS DISTINCT FROM NEW.book_value OR settled IS DISTINCT FROM NEW.price THEN
    RAISE EXCEPTION 'debt reduction % has % parts owing % and settling % (book value %, price %): its split must be whole',
      NEW.id, parts, owed, settled, NEW.book_value, NEW.price USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS outcomes_reduction_split_whole ON outcomes;
CREATE CONSTRAINT TRIGGER outcomes_reduction_split_whole AFTER INSERT ON outcomes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION outcome_reduction_split_whole();

DROP TRIGGER IF EXISTS outcome_reduction_parts_with_their_outcome ON outcome_reduction_parts;
CREATE CONSTRAINT TRIGGER outcome_reduction_parts_with_their_outcome AFTER INSERT
  ON outcome_reduction_parts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  EXECUTE FUNCTION outcome_reduction_part_with_its_outcome();
DROP TRIGGER IF EXISTS outcome_reduction_parts_no_update_delete ON outcome_reduction_parts;
CREATE TRIGGER outcome_reduction_parts_no_update_delete BEFORE UPDATE OR DELETE
  ON outcome_reduction_parts FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
DROP TRIGGER IF EXISTS outcome_reduction_parts_no_truncate ON outcome_reduction_parts;
CREATE TRIGGER outcome_reduction_parts_no_truncate BEFORE TRUNCATE ON outcome_reduction_parts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

GRANT SELECT, INSERT ON outcome_reduction_parts TO disposal_app;
REVOKE UPDATE, DELETE, TRUNCATE ON outcome_reduction_parts FROM disposal_app;
