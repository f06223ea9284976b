import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Regions (administrative divisions), organisations in the region tree, and their users with roles. */
export class CreateOrganisationsAndUsers1795355120232 implements MigrationInterface {
  name = 'CreateOrganisationsAndUsers1795355120232';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "regions" ("code" character varying(12) NOT NULL, "name" character varying(100) NOT NULL, "level" character varying(10) NOT NULL, "parent_code" character varying(12), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_regions_code" CHECK (code ~ '^([0-9]{6}|[0-9]{9}|[0-9]{12})$'), CONSTRAINT "pk_regions" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_regions_parent_code" ON "regions"  ("parent_code") `);
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "kind" character varying(32) NOT NULL, "region_code" character varying(12) NOT NULL, "parent_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'ACTIVE', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_organisations_region_code_name" UNIQUE ("region_code", "name"), CONSTRAINT "ck_organisations_status" CHECK (status IN ('ACTIVE', 'INACTIVE')), CONSTRAINT "ck_organisations_kind" CHECK (kind IN ('WOMENS_FEDERATION', 'EMPLOYMENT_BUREAU', 'GUARANTEE_AGENCY', 'BANK_BRANCH', 'FINANCE_BUREAU', 'OPERATOR')), CONSTRAINT "pk_organisations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_organisations_region_code" ON "organisations"  ("region_code") `);
    await queryRunner.query(`CREATE INDEX "ix_organisations_parent_id" ON "organisations"  ("parent_id") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "display_name" character varying(100) NOT NULL, "password_hash" character varying(255) NOT NULL, "organisation_id" uuid NOT NULL, "roles" character varying(32) array NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'ACTIVE', "token_version" integer NOT NULL DEFAULT '0', "last_login_at" TIMESTAMP WITH TIME ZONE, "password_changed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_users_username" CHECK (username = lower(username)), CONSTRAINT "ck_users_status" CHECK (status IN ('ACTIVE', 'DISABLED')), CONSTRAINT "pk_users" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_users_username" ON "users"  ("username") `);
    await queryRunner.query(`CREATE INDEX "ix_users_organisation_id" ON "users"  ("organisation_id") `);
    await queryRunner.query(
      `ALTER TABLE "regions" ADD CONSTRAINT "fk_regions_parent_code" FOREIGN KEY ("parent_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "fk_organisations_region_code" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "fk_organisations_parent_id" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "fk_users_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_organisation_id"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "fk_organisations_parent_id"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "fk_organisations_region_code"`);
    await queryRunner.query(`ALTER TABLE "regions" DROP CONSTRAINT "fk_regions_parent_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_username"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisations_parent_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisations_region_code"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_regions_parent_code"`);
    await queryRunner.query(`DROP TABLE "regions"`);
  }
}
