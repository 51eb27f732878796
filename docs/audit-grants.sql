-- Interdict on PostgreSQL: the application's role owns nothing in its schema, so that it cannot
-- lift audit_log's append-only trigger or change the trail (docs/security.md, "The audit trail").
--
-- Run as a superuser, in the database Interdict uses, once the migrations have been applied (by
-- the owner role, or by the application before this script first runs); run it again after each
-- upgrade whose migrations add tables. It is safe to run again. Replace the three names if yours
-- differ:
--   interdict        the schema (INTERDICT_PG_SCHEMA)
--   interdict_owner  owns the schema, its tables and the trigger; no application logs in as it
--   interdict_app    the role of the DATABASE_URL that `interdict` commands and servers use
-- test/audit-grants.test.ts runs this file against a PostgreSQL.

-- The application role must not be able to become the owner: not a superuser, not a member of
-- the owner role, and without CREATEROLE (which, before PostgreSQL 16, grants itself any role).
DO $$
BEGIN
  IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = 'interdict_app') THEN
    RAISE EXCEPTION 'interdict_app must be neither a superuser nor have CREATEROLE: either lets it act as interdict_owner';
  END IF;
  IF pg_has_role('interdict_app', 'interdict_owner', 'MEMBER') THEN
    RAISE EXCEPTION 'interdict_app must not be a member of interdict_owner';
  END IF;
END $$;

-- Everything in the schema belongs to the owner (an installation the application created is
-- taken over here): the tables with their identity sequences, and the trigger's function.
ALTER SCHEMA interdict OWNER TO interdict_owner;
DO $$
DECLARE
  name text;
BEGIN
  FOR name IN SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = 'interdict' LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO interdict_owner', name);
  END LOOP;
  FOR name IN SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'interdict' LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO interdict_owner', name);
  END LOOP;
END $$;

-- Interdict starts with CREATE SCHEMA IF NOT EXISTS and CREATE TABLE IF NOT EXISTS
-- schema_migrations, which PostgreSQL checks against the CREATE privilege even when the schema
-- and the table exist. CREATE lets the role make new objects; it gives no power over the
-- owner's: altering, disabling a trigger, dropping and truncating all need ownership.
DO $$
BEGIN
  EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO interdict_app', current_database());
END $$;
GRANT USAGE, CREATE ON SCHEMA interdict TO interdict_app;

-- The application reads and writes its tables (list versions, keys, parties, alerts, settings,
-- runs, batch screenings) and draws from their identity sequences.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA interdict TO interdict_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA interdict TO interdict_app;

-- The audit trail: read and appended to, never changed.
REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON interdict.audit_log FROM interdict_app;
-- Migrations are the owner's to apply: the application only reads which ran.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON interdict.schema_migrations FROM interdict_app;
