#!/bin/sh
# Run once by the postgres image, when the database is first initialised. The server logs in as
# disposal_server, a member of disposal_app only (the role its migrations grant the working
# tables to, with no right to change history); the migrations run as the owner, disposal, from
# the compose file's migrate service. Both roles are made here, before any migration: the
# server's login needs disposal_app to exist, and migration 0007 keeps a role it finds.
# The password is read from the environment by psql itself (\getenv), never put on a command
# line, where any process in the container could read it while this runs.
set -eu
: "${DISPOSAL_SERVER_PASSWORD:?set DISPOSAL_SERVER_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
\getenv server_password DISPOSAL_SERVER_PASSWORD
CREATE ROLE disposal_app NOLOGIN;
CREATE ROLE disposal_server LOGIN PASSWORD :'server_password' IN ROLE disposal_app;
SQL
