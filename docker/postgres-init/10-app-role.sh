#!/bin/sh
# First start of an empty volume only (the postgres image runs /docker-entrypoint-initdb.d once): the role the
# api and worker connect as. The owner (POSTGRES_USER) runs the migrations, which grant this role what it needs
# on the tables: read and write the business tables, only read and append to audit_log.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$APP_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE mla_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'app_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mla_app')
\gexec
SELECT format('ALTER ROLE mla_app LOGIN PASSWORD %L', :'app_password')
\gexec
SQL
