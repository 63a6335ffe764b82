-- 0002: the working-day calendar (with 2021-2026 loaded from schema/data), disposals, their
-- lots and channels, and the inquiries and objections they receive.

CREATE TABLE calendar_years (
  year            int PRIMARY KEY CHECK (year BETWEEN 1900 AND 2200),
  source          text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
  import_time     timestamptz NOT NULL DEFAULT now()
);

-- Only the days that depart from the Monday-Friday rule.
CREATE TABLE calendar_days (
  day             date PRIMARY KEY,
  year            int NOT NULL REFERENCES calendar_years (year),
  kind            text NOT NULL CHECK (kind IN ('holiday', 'makeup')),
  name            text NOT NULL DEFAULT '',
  CHECK (extract(year FROM day) = year),
  -- A make-up working day is a Saturday or Sunday by definition.
  CHECK (kind = 'holiday' OR extract(isodow FROM day) IN (6, 7))
);

-- The reference data: one line per special day, "YYYY-MM-DD,holiday|makeup,name".
CREATE TEMPORARY TABLE calendar_file_lines ON COMMIT DROP AS
  SELECT btrim(line) AS line
  FROM regexp_split_to_table($calendar_file${{data:calendar-cn-2021-2026.csv}}$calendar_file$, E'\n') AS line;

INSERT INTO calendar_years (year, source)
  SELECT DISTINCT split_part(line, '-', 1)::int,
         (SELECT btrim(substr(line, length('# source:') + 1)) FROM calendar_file_lines
           WHERE line LIKE '# source:%' LIMIT 1)
  FROM calendar_file_lines WHERE line <> '' AND line NOT LIKE '#%';

INSERT INTO calendar_days (day, year, kind, name)
  SELECT split_part(line, ',', 1)::date, split_part(line, '-', 1)::int,
         split_part(line, ',', 2), split_part(line, ',', 3)
  FROM calendar_file_lines WHERE line <> '' AND line NOT LIKE '#%';

CREATE TABLE disposals (
  id              uuid PRIMARY KEY,
  version         bigint NOT NULL CHECK (version >= 1),
  title           text NOT NULL,
  stored_state    text NOT NULL CHECK (stored_state IN
                    ('draft', 'published', 'awarded', 'settled', 'suspended', 'withdrawn')),
  methods         text[] NOT NULL,
  payment_terms   text[] NOT NULL,
  deposit         numeric(20, 2) NOT NULL CHECK (deposit >= 0),
  reserve_price   numeric(20, 2) CHECK (reserve_price >= 0),
  -- Names, phones and addresses: text the service never computes with.
  contact_details jsonb NOT NULL,
  validity_months int NOT NULL CHECK (validity_months BETWEEN 1 AND 60),
  window_working_days int NOT NULL CHECK (window_working_days BETWEEN 1 AND 250),
  publication_date date,
  objection_deadline_date date,
  window_end_time timestamptz,
  validity_end_date date,
  create_time     timestamptz NOT NULL DEFAULT now(),
  update_time     timestamptz NOT NULL DEFAULT now(),
  CHECK ((stored_state = 'draft') = (publication_date IS NULL) OR stored_state = 'withdrawn')
);
CREATE INDEX disposals_page_idx ON disposals (create_time DESC, id DESC);

CREATE TABLE disposal_channels (
  disposal_id     uuid NOT NULL REFERENCES disposals (id),
  position        int NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('website', 'newspaper')),
  name            text NOT NULL,
  level           text NOT NULL CHECK (level IN ('none', 'city', 'provincial', 'national')),
  PRIMARY KEY (disposal_id, position)
);

CREATE TABLE disposal_lots (
  id              uuid PRIMARY KEY,
  disposal_id     uuid NOT NULL REFERENCES disposals (id),
  position        int NOT NULL,
  claim_id        uuid NOT NULL REFERENCES claims (id),
  tranche_number  int CHECK (tranche_number >= 1),
  reserve_price   numeric(20, 2) CHECK (reserve_price >= 0),
  -- Frozen at publication: the notice's book value must not move when a claim is edited later.
  published_book_value numeric(20, 2),
  UNIQUE (disposal_id, position)
);
CREATE INDEX disposal_lots_claim_idx ON disposal_lots (claim_id);

CREATE TABLE submissions (
  id              uuid PRIMARY KEY,
  disposal_id     uuid NOT NULL REFERENCES disposals (id),
  number          int NOT NULL CHECK (number >= 1),
  lot_id          uuid REFERENCES disposal_lots (id),
  kind            text NOT NULL CHECK (kind IN ('inquiry', 'objection', 'obstruction_report')),
  channel         text NOT NULL,
  received_time   timestamptz NOT NULL,
  submitter       text NOT NULL,
  submitter_contact text NOT NULL DEFAULT '',
  text            text NOT NULL,
  late            boolean NOT NULL,
  resolution      text NOT NULL DEFAULT 'unresolved'
                    CHECK (resolution IN ('unresolved', 'upheld', 'dismissed', 'answered')),
  resolution_note text NOT NULL DEFAULT '',
  resolve_time    timestamptz,
  resolved_by     text NOT NULL DEFAULT '',
  record_time     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (disposal_id, number)
);
