import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The restricted role the applications connect as; migrations run as the owner of the tables. */
export const APP_ROLE = 'mla_app';

/**
 * The application's database role, `mla_app`, is not the owner of the tables: it reads and writes business
 * tables, but may only read and append to `audit_log` (no UPDATE, DELETE or TRUNCATE, and as a non-owner it
 * cannot disable the table's triggers). The role is created NOLOGIN when missing; a deployment either makes it
 * a login role (`ALTER ROLE mla_app LOGIN PASSWORD …`) or grants it to its own login role (`GRANT mla_app TO …`).
 * Tables created by later migrations get the same privileges through the default privileges set here.
 */
export class GrantAppRole1796200000000 implements MigrationInterface {
  name = 'GrantAppRole1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Roles are cluster-wide and several databases may be migrated at once: tolerate a concurrent creation.
    await queryRunner.query(`DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          BEGIN
            CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
          EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
              RAISE EXCEPTION 'role ${APP_ROLE} does not exist and the migrating role may not create it: create it first (see docker/README.md)';
          END;
        END IF;
      END $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`,
    );
    // Append-only for the application: read and insert, nothing else.
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${APP_ROLE}`);
    // The migration history is the owner's: the application only reads it (to see nothing is pending).
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${APP_ROLE}`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${APP_ROLE}`,
    );
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
  }
}
