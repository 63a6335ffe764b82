-- 0036: the working-day calendar's revision, moved by every change to it.
--
-- A filing, a publication, a transition and an award read the calendar before their own
-- transaction (it is read whole, and most requests need it before they write anything). Each
-- of them now reads the revision it was loaded at and, inside its transaction, compares it
-- with the revision there: an import committed in between makes the request ABORTED, with
-- nothing written, instead of deciding on the calendar as it was before the import.
--
-- The revision moves by statement triggers on both calendar tables, so a change made by any
-- means (an import, a migration, SQL by hand) is seen. It only ever grows; its one row cannot
-- be deleted.
CREATE TABLE calendar_revision (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  revision bigint NOT NULL CHECK (revision >= 1)
);
INSERT INTO calendar_revision (revision) VALUES (1);

CREATE FUNCTION calendar_revision_move() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  UPDATE calendar_revision SET revision = revision + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER calendar_years_move_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_years
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_revision_move();
CREATE TRIGGER calendar_days_move_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_days
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_revision_move();

CREATE FUNCTION calendar_revision_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.revision > OLD.revision THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'calendar_revision: only moving the revision forward is allowed (% refused)',
    TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER calendar_revision_guard
  BEFORE UPDATE OR DELETE ON calendar_revision
  FOR EACH ROW EXECUTE FUNCTION calendar_revision_guard();
CREATE TRIGGER calendar_revision_no_truncate
  BEFORE TRUNCATE ON calendar_revision
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_revision_guard();
